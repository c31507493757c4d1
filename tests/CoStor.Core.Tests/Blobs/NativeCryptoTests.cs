using System.Security.Cryptography;
using CoStor.Core.Blobs;

namespace CoStor.Core.Tests.Blobs;

/// <summary>libcrypto called directly gives exactly what System.Security.Cryptography gives, and refuses what it refuses.</summary>
public class NativeCryptoTests
{
    private static readonly int[] Lengths = [0, 1, 15, 16, 17, 63, 64, 65, 4096, 14_000, 1_048_577];

    [Test]
    public async Task Sha256_matches_the_framework_for_every_length()
    {
        foreach (var length in Lengths)
        {
            var data = RandomNumberGenerator.GetBytes(length);
            var hash = new byte[32];

            NativeCrypto.Sha256(data, hash);

            await Assert.That(Convert.ToHexString(hash)).IsEqualTo(Convert.ToHexString(SHA256.HashData(data))).Because($"{length} bytes");
        }
    }

    [Test]
    public async Task Aes_gcm_matches_the_framework_and_opens_what_it_sealed()
    {
        var nonce = new byte[NativeCrypto.NonceLength];
        foreach (var length in Lengths)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var plaintext = RandomNumberGenerator.GetBytes(length);
            var ciphertext = new byte[length];
            var tag = new byte[16];
            var expectedCiphertext = new byte[length];
            var expectedTag = new byte[16];
            using (var aes = new AesGcm(key, 16))
                aes.Encrypt(nonce, plaintext, expectedCiphertext, expectedTag);

            NativeCrypto.EncryptGcm(key, nonce, plaintext, ciphertext, tag);
            var opened = new byte[length];
            var authentic = NativeCrypto.DecryptGcm(key, nonce, ciphertext, tag, opened);

            await Assert.That(Convert.ToHexString(ciphertext) + Convert.ToHexString(tag))
                .IsEqualTo(Convert.ToHexString(expectedCiphertext) + Convert.ToHexString(expectedTag)).Because($"{length} bytes");
            await Assert.That(authentic).IsTrue().Because($"{length} bytes sealed here must open here");
            await Assert.That(Convert.ToHexString(opened)).IsEqualTo(Convert.ToHexString(plaintext));
        }
    }

    [Test]
    public async Task Both_implementations_decrypt_in_place_over_the_ciphertext()
    {
        // Readers open chunks in place (ChunkOpener.TryOpenInPlace): the plaintext span is the ciphertext span itself.
        var nonce = new byte[NativeCrypto.NonceLength];
        foreach (var length in Lengths)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var plaintext = RandomNumberGenerator.GetBytes(length);
            var sealedBytes = new byte[length];
            var tag = new byte[16];
            NativeCrypto.EncryptGcm(key, nonce, plaintext, sealedBytes, tag);
            var native = sealedBytes.ToArray();
            var framework = sealedBytes.ToArray();

            await Assert.That(NativeCrypto.DecryptGcm(key, nonce, native, tag, native)).IsTrue().Because($"{length} bytes");
            await Assert.That(FrameworkCrypto.DecryptGcm(key, nonce, framework, tag, framework)).IsTrue().Because($"{length} bytes");
            await Assert.That(Convert.ToHexString(native)).IsEqualTo(Convert.ToHexString(plaintext));
            await Assert.That(Convert.ToHexString(framework)).IsEqualTo(Convert.ToHexString(plaintext));
        }
    }

    [Test]
    public async Task A_flipped_bit_in_ciphertext_or_tag_or_a_wrong_key_fails_and_leaves_no_plaintext()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var nonce = new byte[NativeCrypto.NonceLength];
        var plaintext = RandomNumberGenerator.GetBytes(5000);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        NativeCrypto.EncryptGcm(key, nonce, plaintext, ciphertext, tag);

        foreach (var (name, k, c, t) in new[]
        {
            ("ciphertext", key, Flip(ciphertext, 2500), tag),
            ("tag", key, ciphertext, Flip(tag, 15)),
            ("key", Flip(key, 0), ciphertext, tag),
        })
        {
            var opened = new byte[plaintext.Length];
            var authentic = NativeCrypto.DecryptGcm(k, nonce, c, t, opened);

            await Assert.That(authentic).IsFalse().Because($"a flipped bit in the {name}");
            await Assert.That(opened.All(b => b == 0)).IsTrue().Because("nothing unauthenticated is left in the output");
        }

        // A failure leaves nothing behind for the next call on the same thread.
        var again = new byte[plaintext.Length];
        await Assert.That(NativeCrypto.DecryptGcm(key, nonce, ciphertext, tag, again)).IsTrue();
        await Assert.That(Convert.ToHexString(again)).IsEqualTo(Convert.ToHexString(plaintext));
    }

    [Test]
    public async Task Wrong_sizes_are_refused()
    {
        var nonce = new byte[NativeCrypto.NonceLength];
        await Assert.That(() => NativeCrypto.EncryptGcm(new byte[16], nonce, new byte[4], new byte[4], new byte[16])).Throws<ArgumentException>();
        await Assert.That(() => NativeCrypto.EncryptGcm(new byte[32], nonce, new byte[4], new byte[5], new byte[16])).Throws<ArgumentException>();
        await Assert.That(() => NativeCrypto.Sha256(new byte[4], new byte[31])).Throws<ArgumentException>();
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 1;
        return copy;
    }
}
