using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace CoStor.Core.Blobs;

/// <summary>
/// SHA-256 and AES-256-GCM for one blob at a time, straight from libcrypto — OpenSSL 3, the library .NET's own
/// System.Security.Cryptography calls on Linux — with one OpenSSL context per thread and algorithm, reused
/// for every blob, and each algorithm fetched from its provider once per process.
/// <para>
/// Why not <see cref="SHA256"/> and <see cref="AesGcm"/> for every blob: they create and free an OpenSSL context per
/// call (measured in docs/decisions.md); the primitives and bytes are the same, and tests check both against
/// System.Security.Cryptography. Where OpenSSL 3 is missing, <see cref="BlobCrypto"/> uses them all the same.
/// </para>
/// <para>
/// A thread's cipher context keeps the last key it used until the next blob re-keys it (as an
/// <see cref="AesGcm"/> instance keeps its key until disposed); contexts are freed with their thread.
/// </para>
/// </summary>
internal static unsafe partial class NativeCrypto
{
    private const string Library = "libcrypto.so.3";

    private const int GcmGetTag = 0x10; // EVP_CTRL_GCM_GET_TAG (EVP_CTRL_AEAD_GET_TAG)
    private const int GcmSetTag = 0x11; // EVP_CTRL_GCM_SET_TAG (EVP_CTRL_AEAD_SET_TAG)

    public const int KeyLength = 32;
    public const int NonceLength = 12;
    public const int TagLength = 16;

    private static readonly nint s_sha256 = Fetch(EVP_MD_fetch(0, "SHA2-256", null), "SHA2-256");
    private static readonly nint s_aes256Gcm = Fetch(EVP_CIPHER_fetch(0, "AES-256-GCM", null), "AES-256-GCM");

    [ThreadStatic] private static DigestContext? t_digest;
    [ThreadStatic] private static CipherContext? t_cipher;

    /// <summary>SHA-256 of <paramref name="data"/> into the first 32 bytes of <paramref name="hash"/>.</summary>
    public static void Sha256(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        if (hash.Length < 32)
            throw new ArgumentException("SHA-256 needs 32 bytes of room.", nameof(hash));
        var context = t_digest ??= new DigestContext();
        fixed (byte* input = data)
        fixed (byte* output = hash)
        {
            uint written = 0;
            Check(EVP_DigestInit_ex2(context, s_sha256, 0) == 1
                && (data.IsEmpty || EVP_DigestUpdate(context, input, (nuint)data.Length) == 1)
                && EVP_DigestFinal_ex(context, output, &written) == 1 && written == 32, "SHA-256");
        }
    }

    /// <summary>
    /// AES-256-GCM of <paramref name="plaintext"/> into <paramref name="ciphertext"/> (same length; the two may be
    /// the same memory, not otherwise overlapping) and its 16-byte <paramref name="tag"/>. No associated data.
    /// </summary>
    public static void EncryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag) =>
        Gcm(encrypt: true, key, nonce, plaintext, ciphertext, tag);

    /// <summary>
    /// Opens AES-256-GCM <paramref name="ciphertext"/> with its <paramref name="tag"/> into
    /// <paramref name="plaintext"/> (same length). Returns false, with <paramref name="plaintext"/> zeroed, when
    /// the tag does not verify.
    /// </summary>
    public static bool DecryptGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext) =>
        // Only encryption writes the tag; decryption hands it to OpenSSL to check.
        Gcm(encrypt: false, key, nonce, ciphertext, plaintext, MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(tag), tag.Length));

    /// <summary>One AES-256-GCM pass; for decryption, false when the tag does not verify (output zeroed).</summary>
    private static bool Gcm(bool encrypt, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> input, Span<byte> output, Span<byte> tag)
    {
        CheckSizes(key, nonce, input.Length, output.Length, tag.Length);
        var context = t_cipher ??= new CipherContext();
        var operation = encrypt ? "AES-256-GCM encryption" : "AES-256-GCM decryption";
        fixed (byte* k = key)
        fixed (byte* iv = nonce)
        fixed (byte* source = input)
        fixed (byte* destination = output)
        fixed (byte* t = tag)
        {
            int written = 0, final = 0;
            Check(EVP_CipherInit_ex2(context, s_aes256Gcm, k, iv, encrypt ? 1 : 0, 0) == 1
                && (input.IsEmpty || (EVP_CipherUpdate(context, destination, &written, source, input.Length) == 1 && written == input.Length))
                && (encrypt || EVP_CIPHER_CTX_ctrl(context, GcmSetTag, TagLength, t) == 1), operation);
            // When decrypting, Final checks the tag: the only step that may fail for bad input rather than a broken library.
            if (EVP_CipherFinal_ex(context, destination + written, &final) != 1 || final != 0)
            {
                Check(!encrypt, operation);
                ERR_clear_error();
                CryptographicOperations.ZeroMemory(output);
                return false;
            }
            Check(!encrypt || EVP_CIPHER_CTX_ctrl(context, GcmGetTag, TagLength, t) == 1, operation);
            return true;
        }
    }

    private static void CheckSizes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, int inputLength, int outputLength, int tagLength)
    {
        if (key.Length != KeyLength || nonce.Length != NonceLength || tagLength != TagLength)
            throw new ArgumentException($"AES-256-GCM takes a {KeyLength}-byte key, a {NonceLength}-byte nonce and a {TagLength}-byte tag.");
        if (inputLength != outputLength)
            throw new ArgumentException($"AES-256-GCM output must be as long as its input ({inputLength} bytes); got {outputLength}.");
    }

    private static void Check(bool succeeded, string operation)
    {
        if (succeeded)
            return;
        var code = ERR_get_error();
        ERR_clear_error();
        throw new CryptographicException($"libcrypto {operation} failed (error 0x{code:x}).");
    }

    private static nint Fetch(nint algorithm, string name) =>
        algorithm != 0 ? algorithm : throw new CryptographicException($"libcrypto does not provide {name}.");

    private sealed class DigestContext() : NativeContext(EVP_MD_CTX_new(), "A libcrypto digest context")
    {
        protected override bool ReleaseHandle()
        {
            EVP_MD_CTX_free(handle);
            return true;
        }
    }

    private sealed class CipherContext() : NativeContext(EVP_CIPHER_CTX_new(), "A libcrypto cipher context")
    {
        // Freeing the context clears its key schedule first (OpenSSL does).
        protected override bool ReleaseHandle()
        {
            EVP_CIPHER_CTX_free(handle);
            return true;
        }
    }

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint EVP_MD_fetch(nint libraryContext, string algorithm, string? properties);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint EVP_CIPHER_fetch(nint libraryContext, string algorithm, string? properties);

    [LibraryImport(Library)]
    private static partial nint EVP_MD_CTX_new();

    [LibraryImport(Library)]
    private static partial void EVP_MD_CTX_free(nint context);

    [LibraryImport(Library)]
    private static partial int EVP_DigestInit_ex2(DigestContext context, nint algorithm, nint parameters);

    [LibraryImport(Library)]
    private static partial int EVP_DigestUpdate(DigestContext context, byte* data, nuint length);

    [LibraryImport(Library)]
    private static partial int EVP_DigestFinal_ex(DigestContext context, byte* hash, uint* length);

    [LibraryImport(Library)]
    private static partial nint EVP_CIPHER_CTX_new();

    [LibraryImport(Library)]
    private static partial void EVP_CIPHER_CTX_free(nint context);

    [LibraryImport(Library)]
    private static partial int EVP_CipherInit_ex2(CipherContext context, nint cipher, byte* key, byte* iv, int encrypt, nint parameters);

    [LibraryImport(Library)]
    private static partial int EVP_CipherUpdate(CipherContext context, byte* output, int* written, byte* input, int length);

    [LibraryImport(Library)]
    private static partial int EVP_CipherFinal_ex(CipherContext context, byte* output, int* written);

    [LibraryImport(Library)]
    private static partial int EVP_CIPHER_CTX_ctrl(CipherContext context, int type, int argument, byte* pointer);

    [LibraryImport(Library)]
    private static partial ulong ERR_get_error();

    [LibraryImport(Library)]
    private static partial void ERR_clear_error();
}
