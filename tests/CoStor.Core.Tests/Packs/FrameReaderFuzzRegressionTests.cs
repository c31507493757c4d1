using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Core.Tests.Packs;

/// <summary>Inputs found by fuzzing (tests/testdata/fuzz-regressions/frame-reader) and what the reader must do with them.</summary>
public class FrameReaderFuzzRegressionTests
{
    private static byte[] Regression(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "fuzz-regressions", "frame-reader", name));

    /// <summary>A 101-byte body whose one header declares 16 MiB: the reader used to allocate all 16 MiB before reading.</summary>
    [Test]
    public async Task A_header_declaring_16_MiB_on_a_short_stream_is_truncated_without_allocating_the_declared_length()
    {
        var body = Regression("header-declares-16mib-stream-ends.bin");
        var reader = new FrameReader(new MemoryStream(body), BlobLimits.MaxBlobLength);
        long before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<InvalidFrameException>(() => reader.ReadNext());

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await Assert.That(error!.Message).Contains("declares 16777216 bytes but the stream ends after 64");
        await Assert.That(allocated).IsLessThan(1024 * 1024);
    }

    [Test]
    public async Task The_async_read_of_the_same_body_is_truncated_without_allocating_the_declared_length()
    {
        var body = Regression("header-declares-16mib-stream-ends.bin");
        var reader = new FrameReader(new MemoryStream(body), BlobLimits.MaxBlobLength);
        long before = GC.GetAllocatedBytesForCurrentThread();

        // A MemoryStream completes synchronously: the read stays on this thread, so its allocations are counted.
        var read = reader.ReadNextAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidFrameException>(async () => await read);

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        await Assert.That(error!.Message).Contains("declares 16777216 bytes but the stream ends after 64");
        await Assert.That(allocated).IsLessThan(1024 * 1024);
    }

    [Test]
    public async Task A_blob_larger_than_the_first_buffer_still_reads_whole_and_verified()
    {
        var blob = new byte[300 * 1024 + 7];
        new Random(7).NextBytes(blob);
        using var ms = new MemoryStream();
        FrameWriter.Write(ms, BlobType.Data, BlobId.Compute(blob), blob);
        FrameWriter.Write(ms, BlobType.Tree, BlobId.Compute(blob.AsSpan(0, 10)), blob.AsSpan(0, 10).ToArray());
        ms.Position = 0;
        var reader = new FrameReader(ms, BlobLimits.MaxBlobLength);

        await Assert.That(reader.ReadNext()).IsTrue();
        await Assert.That(reader.Blob.ToArray().SequenceEqual(blob)).IsTrue();
        await Assert.That(reader.ReadNext()).IsTrue();
        await Assert.That(reader.Blob.Length).IsEqualTo(10);
        await Assert.That(reader.ReadNext()).IsFalse();
        await Assert.That(reader.Position).IsEqualTo(ms.Length);
    }
}
