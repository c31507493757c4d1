using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Tests.Golden;

namespace CoStor.Core.Tests.Blobs;

/// <summary>Without OpenSSL 3 the framework's classes take over, giving the very same bytes.</summary>
[NotInParallel(nameof(BlobCrypto))]
public class BlobCryptoTests
{
    [Test]
    public async Task The_fallback_hashes_encrypts_and_decrypts_exactly_as_libcrypto_does()
    {
        await Assert.That(BlobCrypto.UseNative).IsTrue(); // this machine has OpenSSL 3
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = new byte[12];
        foreach (var length in new[] { 0, 1, 1000, (1 << 20) + 1 })
        {
            var data = RandomNumberGenerator.GetBytes(length);
            var (nativeHash, nativeCipher, nativeTag) = Run(true, data, key, nonce);
            var (fallbackHash, fallbackCipher, fallbackTag) = Run(false, data, key, nonce);
            await Assert.That(fallbackHash.AsSpan().SequenceEqual(nativeHash)).IsTrue();
            await Assert.That(fallbackCipher.AsSpan().SequenceEqual(nativeCipher)).IsTrue();
            await Assert.That(fallbackTag.AsSpan().SequenceEqual(nativeTag)).IsTrue();

            var opened = new byte[length];
            try
            {
                BlobCrypto.UseNative = false;
                await Assert.That(BlobCrypto.DecryptGcm(key, nonce, nativeCipher, nativeTag, opened)).IsTrue();
                await Assert.That(opened.AsSpan().SequenceEqual(data)).IsTrue();
                nativeTag[0] ^= 1;
                await Assert.That(BlobCrypto.DecryptGcm(key, nonce, nativeCipher, nativeTag, opened)).IsFalse();
                await Assert.That(opened.All(b => b == 0)).IsTrue();
            }
            finally
            {
                BlobCrypto.UseNative = true;
            }
        }
    }

    [Test]
    public async Task A_full_size_chunk_seals_to_the_same_blob_with_the_fallback()
    {
        var chunk = FullSizeChunkTests.Chunk(4 << 20);
        var native = BlobSealer.Seal(chunk, GoldenInputs.Keyring.ConvergenceKey);
        SealedBlob fallback;
        try
        {
            BlobCrypto.UseNative = false;
            fallback = BlobSealer.Seal(chunk, GoldenInputs.Keyring.ConvergenceKey);
            await Assert.That(BlobSealer.Open(fallback.Ref, fallback.Blob, 4 << 20).AsSpan().SequenceEqual(chunk)).IsTrue();
        }
        finally
        {
            BlobCrypto.UseNative = true;
        }
        await Assert.That(fallback.Ref).IsEqualTo(native.Ref);
        await Assert.That(fallback.Blob.AsSpan().SequenceEqual(native.Blob)).IsTrue();
    }

    private static (byte[] Hash, byte[] Cipher, byte[] Tag) Run(bool native, byte[] data, byte[] key, byte[] nonce)
    {
        var hash = new byte[32];
        var cipher = new byte[data.Length];
        var tag = new byte[16];
        try
        {
            BlobCrypto.UseNative = native;
            BlobCrypto.Sha256(data, hash);
            BlobCrypto.EncryptGcm(key, nonce, data, cipher, tag);
        }
        finally
        {
            BlobCrypto.UseNative = true;
        }
        return (hash, cipher, tag);
    }
}
