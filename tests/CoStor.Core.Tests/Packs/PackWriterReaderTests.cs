using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Core.Tests.Packs;

public class PackWriterReaderTests
{
    [Test]
    public async Task Sealed_pack_round_trips_index_and_blobs()
    {
        var bytes = PackSamples.SealedPack(out var written);
        using var pack = new MemoryStream(bytes);
        var index = PackReader.ReadIndex(pack);
        await Assert.That(index.SequenceEqual(written)).IsTrue();
        await Assert.That(index[0].Offset).IsEqualTo(PackFormat.HeaderLength + PackFormat.FrameHeaderLength);
        var samples = PackSamples.Blobs();
        for (int i = 0; i < index.Count; i++)
        {
            var blob = PackReader.ReadBlob(pack, index[i]);
            await Assert.That(blob.SequenceEqual(samples[i].Blob.Blob)).IsTrue();
            await Assert.That(index[i].Type).IsEqualTo(samples[i].Type);
        }

        // The name is the SHA-256 of the index section (count through the last entry), as the trailer records it.
        var indexStart = index[^1].Offset + index[^1].Length;
        var indexHash = SHA256.HashData(bytes.AsSpan((int)indexStart, bytes.Length - PackFormat.TrailerLength - (int)indexStart));
        await Assert.That(PackReader.ComputePackId(pack)).IsEqualTo(BlobId.Read(indexHash));
        await Assert.That(PackFormat.RelativePath(PackReader.ComputePackId(pack))).StartsWith("packs/" + Convert.ToHexStringLower(indexHash)[..2] + "/");
    }

    [Test]
    public async Task Writer_names_the_pack_as_readers_do()
    {
        using var stream = new MemoryStream();
        var writer = new PackWriter(stream);
        foreach (var sample in PackSamples.Blobs())
            writer.Append(sample.Type, sample.Blob.Ref.Id, sample.Blob.Blob);
        await Assert.That(writer.Name).IsNull();
        writer.Finish();
        await Assert.That(writer.Name).IsEqualTo(PackReader.ComputePackId(stream));
    }

    [Test]
    public async Task Streamed_frames_write_the_same_bytes_as_whole_ones()
    {
        using var whole = new MemoryStream();
        using var streamed = new MemoryStream();
        var wholeWriter = new PackWriter(whole);
        var streamWriter = new PackWriter(streamed);
        foreach (var sample in PackSamples.Blobs())
        {
            var blob = sample.Blob.Blob;
            var offset = wholeWriter.Append(sample.Type, sample.Blob.Ref.Id, blob);
            streamWriter.BeginFrame(sample.Type, sample.Blob.Ref.Id, blob.Length);
            await Assert.That(streamWriter.HasOpenFrame).IsTrue();
            streamWriter.WriteBlob(blob.AsSpan(0, blob.Length / 2));
            streamWriter.WriteBlob(blob.AsSpan(blob.Length / 2));
            await Assert.That(streamWriter.EndFrame()).IsEqualTo(offset);
        }
        wholeWriter.Finish();
        streamWriter.Finish();

        await Assert.That(streamed.ToArray().SequenceEqual(whole.ToArray())).IsTrue();
    }

    [Test]
    public async Task A_streamed_frame_must_receive_exactly_its_declared_bytes()
    {
        using var stream = new MemoryStream();
        var writer = new PackWriter(stream);
        var id = BlobId.Compute([1, 2, 3]);
        writer.BeginFrame(BlobType.Data, id, 3);

        await Assert.That(() => writer.Append(BlobType.Data, id, [1, 2, 3])).Throws<InvalidOperationException>();
        await Assert.That(() => writer.WriteBlob([1, 2, 3, 4])).Throws<ArgumentException>();
        writer.WriteBlob([1, 2]);
        await Assert.That(() => writer.EndFrame()).Throws<InvalidOperationException>();
        await Assert.That(() => writer.Finish()).Throws<InvalidOperationException>();
        writer.WriteBlob([3]);
        writer.EndFrame();
        await Assert.That(writer.Entries.Count).IsEqualTo(1);
    }

    [Test]
    public async Task An_unsealed_pack_has_no_name()
    {
        var bytes = PackSamples.SealedPack(out _);
        using var truncated = new MemoryStream(bytes[..^1]);
        await Assert.That(() => PackReader.ComputePackId(truncated)).Throws<CorruptPackException>();
    }

    [Test]
    public async Task Empty_pack_seals_and_reads()
    {
        using var ms = new MemoryStream();
        new PackWriter(ms).Finish();
        await Assert.That(ms.Length).IsEqualTo(PackFormat.HeaderLength + 4 + PackFormat.TrailerLength);
        await Assert.That(PackReader.ReadIndex(ms).Count).IsEqualTo(0);
    }

    [Test]
    public async Task Append_after_finish_throws_and_nonempty_stream_needs_resume()
    {
        using var ms = new MemoryStream();
        var writer = new PackWriter(ms);
        writer.Finish();
        await Assert.That(() => writer.Append(BlobType.Data, default, [1])).Throws<ObjectDisposedException>();
        await Assert.That(() => new PackWriter(ms)).Throws<ArgumentException>();
    }

    [Test]
    public async Task Truncated_or_tampered_sealed_pack_is_rejected()
    {
        var bytes = PackSamples.SealedPack(out _);
        foreach (int cut in new[] { 0, 10, 60, bytes.Length - 45, bytes.Length - 1 })
        {
            await Assert.That(() => PackReader.ReadIndex(new MemoryStream(bytes[..cut]))).Throws<CorruptPackException>();
        }

        foreach (int at in new[] { 0, 8, 12, bytes.Length - 100, bytes.Length - 40, bytes.Length - 1 })
        {
            var tampered = (byte[])bytes.Clone();
            tampered[at] ^= 0x01;
            await Assert.That(() => PackReader.ReadIndex(new MemoryStream(tampered))).Throws<CorruptPackException>();
        }
    }

    [Test]
    public async Task ReadBlob_detects_corrupt_blob_bytes()
    {
        var bytes = PackSamples.SealedPack(out var entries);
        bytes[(int)entries[1].Offset + 3] ^= 0x80;
        using var pack = new MemoryStream(bytes);
        var index = PackReader.ReadIndex(pack); // the index itself is intact
        await Assert.That(() => PackReader.ReadBlob(pack, index[1])).Throws<CorruptPackException>();
        await Assert.That(PackReader.ReadBlob(pack, index[0]).Length).IsEqualTo(index[0].Length);
        var wrongEntry = index[0] with { Id = index[2].Id };
        await Assert.That(() => PackReader.ReadBlob(pack, wrongEntry)).Throws<CorruptPackException>();
    }

    [Test]
    public async Task ScanOpen_cuts_a_torn_tail_at_every_length()
    {
        var open = PackSamples.OpenPack(out var entries);
        long lastStart = entries[2].Offset - PackFormat.FrameHeaderLength;
        for (long cut = lastStart; cut < open.Length; cut += 7)
        {
            var scan = PackReader.ScanOpen(new MemoryStream(open[..(int)cut]));
            await Assert.That(scan.ValidLength).IsEqualTo(lastStart);
            await Assert.That(scan.Entries.SequenceEqual(entries.Take(2))).IsTrue();
        }

        var full = PackReader.ScanOpen(new MemoryStream(open));
        await Assert.That(full.ValidLength).IsEqualTo(open.Length);
        await Assert.That(full.Entries.SequenceEqual(entries)).IsTrue();
        await Assert.That(PackReader.ScanOpen(new MemoryStream(open[..5])).ValidLength).IsEqualTo(0L);
        await Assert.That(PackReader.ScanOpen(new MemoryStream(open[..16])).ValidLength).IsEqualTo(16L);
    }

    [Test]
    public async Task ScanOpen_stops_at_a_corrupt_frame_and_rejects_a_bad_header()
    {
        var open = PackSamples.OpenPack(out var entries);
        open[(int)entries[1].Offset] ^= 1;
        var scan = PackReader.ScanOpen(new MemoryStream(open));
        await Assert.That(scan.Entries.Count).IsEqualTo(1);
        await Assert.That(scan.ValidLength).IsEqualTo(entries[1].Offset - PackFormat.FrameHeaderLength);
        open[0] = (byte)'X';
        await Assert.That(() => PackReader.ScanOpen(new MemoryStream(open))).Throws<CorruptPackException>();
    }

    [Test]
    public async Task Resume_after_truncation_then_seal()
    {
        var open = PackSamples.OpenPack(out var entries);
        using var ms = new MemoryStream();
        ms.Write(open, 0, open.Length - 10); // torn last frame
        var scan = PackReader.ScanOpen(ms);
        await Assert.That(() => PackWriter.Resume(ms, scan.Entries)).Throws<ArgumentException>();
        ms.SetLength(scan.ValidLength);
        var writer = PackWriter.Resume(ms, scan.Entries);
        var last = PackSamples.Blobs()[2];
        await Assert.That(writer.Append(last.Type, last.Blob.Ref.Id, last.Blob.Blob)).IsEqualTo(entries[2].Offset);
        writer.Finish();
        await Assert.That(ms.ToArray().SequenceEqual(PackSamples.SealedPack(out _))).IsTrue();
    }
}
