using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Core.Tests.Packs;

public class FrameReaderTests
{
    private static byte[] Body()
    {
        using var ms = new MemoryStream();
        foreach (var (type, b) in PackSamples.Blobs())
        {
            FrameWriter.Write(ms, type, b.Ref.Id, b.Blob);
        }

        return ms.ToArray();
    }

    [Test]
    public async Task Reads_frames_async_until_clean_end()
    {
        using var ms = new MemoryStream();
        foreach (var (type, b) in PackSamples.Blobs())
        {
            await FrameWriter.WriteAsync(ms, type, b.Ref.Id, b.Blob, CancellationToken.None);
        }

        await Assert.That(ms.ToArray().SequenceEqual(Body())).IsTrue();
        ms.Position = 0;
        var reader = new FrameReader(ms, BlobLimits.MaxBlobLength);
        var seen = new List<(BlobType, BlobId)>();
        while (await reader.ReadNextAsync(CancellationToken.None))
        {
            seen.Add((reader.Type, reader.Id));
            await Assert.That(BlobId.Compute(reader.Blob.Span)).IsEqualTo(reader.Id);
        }

        await Assert.That(seen.SequenceEqual(PackSamples.Blobs().Select(x => (x.Type, x.Blob.Ref.Id)))).IsTrue();
        await Assert.That(reader.Position).IsEqualTo(ms.Length);
    }

    [Test]
    public async Task Wrong_id_is_rejected_with_offset()
    {
        var body = Body();
        body[10] ^= 0xFF; // inside the first frame's id
        var reader = new FrameReader(new MemoryStream(body), BlobLimits.MaxBlobLength);
        await Assert.That(async () => await reader.ReadNextAsync(CancellationToken.None))
            .Throws<InvalidFrameException>().WithMessageContaining("offset 0");
    }

    [Test]
    public async Task Truncation_anywhere_inside_a_frame_is_rejected()
    {
        var body = Body();
        int firstEnd = PackFormat.FrameHeaderLength + PackSamples.Blobs()[0].Blob.Blob.Length;
        for (int cut = 1; cut < firstEnd; cut += 97)
        {
            var reader = new FrameReader(new MemoryStream(body[..cut]), BlobLimits.MaxBlobLength);
            await Assert.That(() => reader.ReadNext()).Throws<InvalidFrameException>().WithMessageContaining("Truncated");
        }

        var whole = new FrameReader(new MemoryStream(body[..firstEnd]), BlobLimits.MaxBlobLength);
        await Assert.That(whole.ReadNext()).IsTrue();
        await Assert.That(whole.ReadNext()).IsFalse();
    }

    [Test]
    public async Task Oversized_and_unknown_type_frames_are_rejected()
    {
        var body = Body();
        var small = new FrameReader(new MemoryStream(body), 20);
        await Assert.That(() => small.ReadNext()).Throws<InvalidFrameException>().WithMessageContaining("limit");
        body[0] = 9;
        var reader = new FrameReader(new MemoryStream(body), BlobLimits.MaxBlobLength);
        await Assert.That(() => reader.ReadNext()).Throws<InvalidFrameException>().WithMessageContaining("unknown type");
        byte[] huge = [1, 0xFF, 0xFF, 0xFF, 0xFF, .. new byte[32]];
        await Assert.That(() => FrameHeader.Read(huge, BlobLimits.MaxBlobLength)).Throws<InvalidFrameException>();
    }
}
