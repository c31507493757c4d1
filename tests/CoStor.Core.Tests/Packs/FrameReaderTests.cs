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
        var largePieces = 0;
        var largestPiece = 0;
        while (await reader.ReadHeaderAsync(CancellationToken.None))
        {
            var bytes = new MemoryStream();
            var isLarge = reader.Length == large.Length;
            await reader.CopyBlobAsync(piece =>
            {
                bytes.Write(piece);
                if (isLarge)
                {
                    largePieces++;
                    largestPiece = Math.Max(largestPiece, piece.Length);
                }
            }, CancellationToken.None);
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
        await Assert.That(largePieces).IsGreaterThanOrEqualTo(3);
        await Assert.That(largestPiece).IsLessThanOrEqualTo(FrameReader.PieceLength);
        await Assert.That(reader.Position).IsEqualTo(ms.Length);
    }

    /// <summary>
    /// Small and large frames read the same whether the source hands out a few bytes per read or everything at
    /// once, whole or streamed, sync or async: the read-ahead never loses, repeats or reorders a byte.
    /// </summary>
    [Test]
    [Arguments(1)]
    [Arguments(7)]
    [Arguments(int.MaxValue)]
    public async Task Read_ahead_returns_every_frame_exactly_whatever_the_read_sizes(int maxRead)
    {
        var blobs = new List<byte[]>();
        var random = new Random(maxRead == int.MaxValue ? 3 : maxRead);
        foreach (var size in new[] { 0, 1, 52, 5000, FrameReader.ReadAheadLength - 1, 30, FrameReader.ReadAheadLength, 200, FrameReader.PieceLength + 999, 3, 100_000, 17 })
        {
            var blob = new byte[size];
            random.NextBytes(blob);
            blobs.Add(blob);
        }
        using var body = new MemoryStream();
        foreach (var blob in blobs)
            FrameWriter.Write(body, BlobType.Data, BlobId.Compute(blob), blob);
        var bytes = body.ToArray();

        var whole = new FrameReader(new TrickleStream(bytes, maxRead), BlobLimits.MaxBlobLength);
        var wholeAsync = new FrameReader(new TrickleStream(bytes, maxRead), BlobLimits.MaxBlobLength);
        var streamed = new FrameReader(new TrickleStream(bytes, maxRead), BlobLimits.MaxBlobLength);
        foreach (var blob in blobs)
        {
            await Assert.That(whole.ReadNext()).IsTrue();
            await Assert.That(whole.Blob.Span.SequenceEqual(blob)).IsTrue();
            await Assert.That(await wholeAsync.ReadNextAsync(CancellationToken.None)).IsTrue();
            await Assert.That(wholeAsync.Blob.Span.SequenceEqual(blob)).IsTrue();
            await Assert.That(await streamed.ReadHeaderAsync(CancellationToken.None)).IsTrue();
            var copy = new MemoryStream();
            await streamed.CopyBlobAsync(piece => copy.Write(piece), CancellationToken.None);
            await Assert.That(copy.ToArray().SequenceEqual(blob)).IsTrue();
        }
        await Assert.That(whole.ReadNext()).IsFalse();
        await Assert.That(await wholeAsync.ReadNextAsync(CancellationToken.None)).IsFalse();
        await Assert.That(await streamed.ReadHeaderAsync(CancellationToken.None)).IsFalse();
        await Assert.That(streamed.Position).IsEqualTo(bytes.Length);
    }

    /// <summary>A source that hands out at most a few bytes per read, as a slow network does.</summary>
    private sealed class TrickleStream(byte[] bytes, int maxRead) : MemoryStream(bytes, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, maxRead)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, maxRead), cancellationToken);
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

    [Test]
    public async Task A_stream_that_fails_mid_blob_leaves_a_reused_reader_clean()
    {
        // A blob larger than the read-ahead, so it is hashed piece by piece; its stream breaks (a dropped
        // connection) after part of it. The same reader, pointed at a good stream, must verify the blob again.
        var blob = RandomBytes(300 * 1024);
        using var frame = new MemoryStream();
        FrameWriter.Write(frame, BlobType.Data, BlobId.Compute(blob), blob);
        var whole = frame.ToArray();
        var reader = new FrameReader(new BreakingStream(whole, breakAfter: FrameHeader.Length + 200 * 1024), BlobLimits.MaxBlobLength);
        await Assert.That(await reader.ReadHeaderAsync(CancellationToken.None)).IsTrue();
        await Assert.That(async () => await reader.CopyBlobAsync(null, CancellationToken.None)).Throws<IOException>();

        reader.Reset(new MemoryStream(whole));
        var copy = new MemoryStream();
        await Assert.That(await reader.ReadHeaderAsync(CancellationToken.None)).IsTrue();
        await reader.CopyBlobAsync(piece => copy.Write(piece), CancellationToken.None);
        await Assert.That(Convert.ToHexString(copy.ToArray())).IsEqualTo(Convert.ToHexString(blob));
        await Assert.That(await reader.ReadHeaderAsync(CancellationToken.None)).IsFalse();
    }

    /// <summary>Serves the first <paramref name="breakAfter"/> bytes, then fails as a reset connection does.</summary>
    private sealed class BreakingStream(byte[] bytes, int breakAfter) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (Position >= breakAfter)
                throw new IOException("connection reset");
            return base.ReadAsync(buffer[..(int)Math.Min(buffer.Length, breakAfter - Position)], cancellationToken);
        }
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
