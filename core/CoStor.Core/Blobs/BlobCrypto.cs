using System.Runtime.InteropServices;

namespace CoStor.Core.Blobs;

/// <summary>
/// Per-blob SHA-256 and AES-256-GCM: through libcrypto directly (<see cref="NativeCrypto"/>) where OpenSSL 3 is
/// installed, else through the framework's classes (<see cref="FrameworkCrypto"/>). Both give the same bytes.
/// </summary>
internal static class BlobCrypto
{
    /// <summary>Whether calls go to libcrypto 3 directly; tests set it to false to run the fallback.</summary>
    internal static bool UseNative { get; set; } = LibcryptoAvailable();

    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        if (UseNative)
            NativeCrypto.Sha256(data, hash);
        else
            FrameworkCrypto.Sha256(data, hash);
    }

    public static void EncryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        if (UseNative)
            NativeCrypto.EncryptGcm(key, nonce, plaintext, ciphertext, tag);
        else
            FrameworkCrypto.EncryptGcm(key, nonce, plaintext, ciphertext, tag);
    }

    public static bool DecryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext) =>
        UseNative
            ? NativeCrypto.DecryptGcm(key, nonce, ciphertext, tag, plaintext)
            : FrameworkCrypto.DecryptGcm(key, nonce, ciphertext, tag, plaintext);

    private static bool LibcryptoAvailable()
    {
        if (!NativeLibrary.TryLoad("libcrypto.so.3", out var handle))
            return false;
        NativeLibrary.Free(handle);
        return true;
    }
}
