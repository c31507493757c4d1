using CoStor.Core.Blobs;

namespace CoStor.Core.Tests.Blobs;

public class PayloadStreamTests
{
    [Test]
    [Arguments(0)]
    [Arguments(1)]
    [Arguments(262_143)]
    [Arguments(262_144)]
    [Arguments(1_048_583)]
    public async Task A_streamed_payload_decodes_to_the_source_at_its_declared_size(int length)
    {
        var plain = new byte[length];
        var random = new Random(length);
        for (var i = 0; i < plain.Length; i += 64)
            plain[i] = (byte)random.Next(4); // compressible, not trivially
        var encoded = new MemoryStream();

        var written = PayloadStream.Encode(new MemoryStream(plain), plain.Length, encoded);

        var payload = encoded.ToArray();
        await Assert.That(written).IsEqualTo(payload.LongLength);
        await Assert.That(payload[0]).IsEqualTo(Payload.Zstd);
        // Decoding to exactly `length` bytes succeeds only if the frame declares that size (else it needs the limit's room).
        await Assert.That(Payload.Decode(payload, length).AsSpan().SequenceEqual(plain)).IsTrue();
    }

    [Test]
    public async Task A_source_shorter_than_announced_is_refused()
    {
        await Assert.That(() => PayloadStream.Encode(new MemoryStream(new byte[10]), 11, new MemoryStream())).Throws<EndOfStreamException>();
    }
}
