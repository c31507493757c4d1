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
    public async Task Streams_blobs_piece_by_piece_with_the_same_bytes_and_checks()
    {
        // One blob larger than a piece, so it arrives in several pieces.
        var large = RandomBytes(FrameReader.PieceLength * 2 + 123);
        using var ms = new MemoryStream();
        foreach (var (type, b) in PackSamples.Blobs())
            FrameWriter.Write(ms, type, b.Ref.Id, b.Blob);
        FrameWriter.Write(ms, BlobType.Data, BlobId.Compute(large), large);
        ms.Position = 0;
        var reader = new FrameReader(ms, BlobLimits.MaxBlobLength);
        var streamed = new List<(BlobType, BlobId, byte[])>();
        var pieces = 0;
        while (await reader.ReadHeaderAsync(CancellationToken.None))
        {
            var bytes = new MemoryStream();
            await reader.CopyBlobAsync(piece => { bytes.Write(piece); pieces++; }, CancellationToken.None);
            streamed.Add((reader.Type, reader.Id, bytes.ToArray()));
        }

        var expected = PackSamples.Blobs().Select(x => (x.Type, x.Blob.Ref.Id, x.Blob.Blob)).Append((BlobType.Data, BlobId.Compute(large), large)).ToList();
        await Assert.That(streamed.Count).IsEqualTo(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            await Assert.That(streamed[i].Item1).IsEqualTo(expected[i].Item1);
            await Assert.That(streamed[i].Item2).IsEqualTo(expected[i].Item2);
            await Assert.That(streamed[i].Item3.SequenceEqual(expected[i].Item3)).IsTrue();
        }
        await Assert.That(pieces).IsEqualTo(PackSamples.Blobs().Count + 3);
        await Assert.That(reader.Position).IsEqualTo(ms.Length);
    }

    [Test]
    public async Task Streaming_rejects_a_wrong_id_and_a_truncated_blob()
    {
        var body = Body();
        body[FrameHeader.Length + 3] ^= 0xFF; // inside the first blob's bytes
        var reader = new FrameReader(new MemoryStream(body), BlobLimits.MaxBlobLength);
        await Assert.That(await reader.ReadHeaderAsync(CancellationToken.None)).IsTrue();
        await Assert.That(async () => await reader.CopyBlobAsync(null, CancellationToken.None))
            .Throws<InvalidFrameException>().WithMessageContaining("hash to");

        var whole = Body();
        var truncated = new FrameReader(new MemoryStream(whole[..(FrameHeader.Length + 5)]), BlobLimits.MaxBlobLength);
        await Assert.That(await truncated.ReadHeaderAsync(CancellationToken.None)).IsTrue();
        await Assert.That(async () => await truncated.CopyBlobAsync(null, CancellationToken.None))
            .Throws<InvalidFrameException>().WithMessageContaining("stream ends after 5");
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
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
