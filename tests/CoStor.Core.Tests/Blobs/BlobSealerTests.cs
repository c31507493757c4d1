using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Core.Tests.Blobs;

public class BlobSealerTests
{
    private static readonly byte[] KeyingKey = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();

    [Test]
    public async Task Seal_then_open_round_trips()
    {
        var plain = "hello, blob"u8.ToArray();
        var sealedBlob = BlobSealer.Seal(plain, KeyingKey);
        await Assert.That(sealedBlob.Ref.Id).IsEqualTo(BlobId.Compute(sealedBlob.Blob));
        var opened = BlobSealer.Open(sealedBlob.Ref, sealedBlob.Blob, BlobLimits.MaxDataPlainLength);
        await Assert.That(opened.SequenceEqual(plain)).IsTrue();
    }

    [Test]
    public async Task Seal_is_convergent_per_keying_key()
    {
        var a = BlobSealer.Seal("same"u8, KeyingKey);
        var b = BlobSealer.Seal("same"u8, KeyingKey);
        var other = BlobSealer.Seal("same"u8, new byte[32]);
        await Assert.That(b.Ref).IsEqualTo(a.Ref);
        await Assert.That(other.Ref.Id).IsNotEqualTo(a.Ref.Id);
    }

    [Test]
    public async Task Key_is_hmac_of_payload_hash()
    {
        var plain = new byte[3000];
        var sealedBlob = BlobSealer.Seal(plain, KeyingKey);
        var expected = HMACSHA256.HashData(KeyingKey, SHA256.HashData(Payload.Encode(plain)));
        await Assert.That(sealedBlob.Ref.Key.ToArray().SequenceEqual(expected)).IsTrue();
    }

    [Test]
    public async Task Flipped_bit_is_detected_by_id()
    {
        var sealedBlob = BlobSealer.Seal("payload"u8, KeyingKey);
        for (int i = 0; i < sealedBlob.Blob.Length * 8; i += 13)
        {
            var tampered = (byte[])sealedBlob.Blob.Clone();
            tampered[i / 8] ^= (byte)(1 << (i % 8));
            await Assert.That(() => BlobSealer.Open(sealedBlob.Ref, tampered, 100)).Throws<CorruptBlobException>();
        }
    }

    [Test]
    public async Task Flipped_bit_is_detected_by_tag_when_id_is_recomputed()
    {
        var sealedBlob = BlobSealer.Seal("payload"u8, KeyingKey);
        var tampered = (byte[])sealedBlob.Blob.Clone();
        tampered[2] ^= 0x10;
        var forged = new BlobRef(BlobId.Compute(tampered), sealedBlob.Ref.Key);
        await Assert.That(() => BlobSealer.Open(forged, tampered, 100)).Throws<CorruptBlobException>();
    }

    [Test]
    public async Task Wrong_key_and_oversize_plain_are_rejected()
    {
        var sealedBlob = BlobSealer.Seal(new byte[1000], KeyingKey);
        var wrongKey = new BlobRef(sealedBlob.Ref.Id, BlobKey.Read(new byte[32]));
        await Assert.That(() => BlobSealer.Open(wrongKey, sealedBlob.Blob, 1000)).Throws<CorruptBlobException>();
        await Assert.That(() => BlobSealer.Open(sealedBlob.Ref, sealedBlob.Blob, 999)).Throws<CorruptBlobException>();
    }

    [Test]
    public async Task Cipher_round_trips_and_rejects_tampered_tag()
    {
        var key = BlobKey.Read(KeyingKey);
        var payload = Payload.Encode("some bytes"u8);
        var blob = new byte[payload.Length + BlobCipher.Overhead];
        BlobCipher.Encrypt(key, payload, blob);
        var back = new byte[payload.Length];
        BlobCipher.Decrypt(key, blob, back);
        await Assert.That(back.SequenceEqual(payload)).IsTrue();
        blob[^1] ^= 1;
        await Assert.That(() => BlobCipher.Decrypt(key, blob, new byte[payload.Length])).Throws<CorruptBlobException>();
    }
}
