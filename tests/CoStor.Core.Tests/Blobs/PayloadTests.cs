using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Core.Tests.Blobs;

public class PayloadTests
{
    [Test]
    public async Task Compressible_input_is_stored_as_zstd()
    {
        var plain = new byte[100_000];
        var payload = Payload.Encode(plain);
        await Assert.That(payload[0]).IsEqualTo(Payload.Zstd);
        await Assert.That(payload.Length).IsLessThan(1000);
        await Assert.That(Payload.Decode(payload, plain.Length).SequenceEqual(plain)).IsTrue();
    }

    [Test]
    public async Task Incompressible_input_is_stored_raw()
    {
        var plain = new byte[10_000];
        new Random(1).NextBytes(plain);
        var payload = Payload.Encode(plain);
        await Assert.That(payload[0]).IsEqualTo(Payload.Raw);
        await Assert.That(payload.Length).IsEqualTo(plain.Length + 1);
        await Assert.That(Payload.Decode(payload, plain.Length).SequenceEqual(plain)).IsTrue();
    }

    [Test]
    [Arguments(0)]
    [Arguments(1)]
    [Arguments(2)]
    public async Task Tiny_inputs_round_trip_raw(int length)
    {
        var plain = new byte[length];
        var payload = Payload.Encode(plain);
        await Assert.That(payload[0]).IsEqualTo(Payload.Raw);
        await Assert.That(Payload.Decode(payload, length).Length).IsEqualTo(length);
    }

    [Test]
    public async Task Decode_rejects_unknown_kind_bad_zstd_and_oversize()
    {
        await Assert.That(() => Payload.Decode([7, 1, 2], 10)).Throws<CorruptBlobException>();
        await Assert.That(() => Payload.Decode([Payload.Zstd, 1, 2, 3, 4, 5, 6, 7, 8], 10)).Throws<CorruptBlobException>();
        await Assert.That(() => Payload.Decode([], 10)).Throws<CorruptBlobException>();
        var zeros = Payload.Encode(new byte[5000]);
        await Assert.That(() => Payload.Decode(zeros, 4999)).Throws<CorruptBlobException>();
        await Assert.That(() => Payload.Decode(zeros, new byte[100])).Throws<CorruptBlobException>();
        await Assert.That(() => Payload.Decode(Payload.Encode([1, 2, 3]), 2)).Throws<CorruptBlobException>();
    }
}
