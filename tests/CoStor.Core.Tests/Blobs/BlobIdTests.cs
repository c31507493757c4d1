using CoStor.Core.Blobs;

namespace CoStor.Core.Tests.Blobs;

public class BlobIdTests
{
    [Test]
    public async Task Compute_is_sha256_and_prints_lowercase_hex()
    {
        var id = BlobId.Compute("abc"u8);
        await Assert.That(id.ToString()).IsEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Test]
    public async Task Parse_round_trips_and_accepts_uppercase()
    {
        var id = BlobId.Compute("x"u8);
        await Assert.That(BlobId.Parse(id.ToString())).IsEqualTo(id);
        await Assert.That(BlobId.Parse(id.ToString().ToUpperInvariant())).IsEqualTo(id);
        await Assert.That(BlobId.Read(id.ToArray())).IsEqualTo(id);
    }

    [Test]
    [Arguments("")]
    [Arguments("abc")]
    [Arguments("zz7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [Arguments("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad00")]
    public async Task Parse_rejects_bad_text_with_FormatException(string text)
    {
        await Assert.That(BlobId.TryParse(text, out _)).IsFalse();
        await Assert.That(() => BlobId.Parse(text)).Throws<FormatException>();
    }

    [Test]
    public async Task Ordering_matches_hex_ordering()
    {
        var ids = Enumerable.Range(0, 200).Select(i => BlobId.Compute(BitConverter.GetBytes(i))).ToList();
        var byId = ids.Order().Select(x => x.ToString()).ToList();
        var byHex = ids.Select(x => x.ToString()).Order(StringComparer.Ordinal).ToList();
        await Assert.That(byId.SequenceEqual(byHex)).IsTrue();
    }

    [Test]
    public async Task BlobKey_round_trips_through_hex_and_bytes()
    {
        var bytes = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var key = BlobKey.Read(bytes);
        await Assert.That(key.ToString()).IsEqualTo(Convert.ToHexStringLower(bytes));
        await Assert.That(BlobKey.Parse(key.ToString())).IsEqualTo(key);
        await Assert.That(key.ToArray().SequenceEqual(bytes)).IsTrue();
        await Assert.That(BlobKey.TryParse(null, out _)).IsFalse();
    }
}
