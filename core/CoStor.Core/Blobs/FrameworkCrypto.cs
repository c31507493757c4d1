using System.Security.Cryptography;

namespace CoStor.Core.Blobs;

/// <summary>
/// SHA-256 and AES-256-GCM through System.Security.Cryptography: the same primitives and bytes as
/// <see cref="NativeCrypto"/>, a little slower per blob, for PCs without OpenSSL 3 (Debian 11 and Ubuntu 20.04
/// ship <c>libcrypto.so.1.1</c>, which .NET itself supports).
/// </summary>
internal static class FrameworkCrypto
{
    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> hash) => SHA256.HashData(data, hash);

    public static void EncryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        using var aes = new AesGcm(key, NativeCrypto.TagLength);
        aes.Encrypt(nonce, plaintext, ciphertext, tag);
    }

    public static bool DecryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        using var aes = new AesGcm(key, NativeCrypto.TagLength);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            plaintext.Clear();
            return false;
        }
    }
}
