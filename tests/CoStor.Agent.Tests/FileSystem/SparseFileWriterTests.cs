using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

public class SparseFileWriterTests
{
    private const int MiB = 1 << 20;

    [Test]
    public async Task Hundred_MiB_file_with_one_4_KiB_region_stays_sparse()
    {
        using var temp = new TempDirectory();
        const long dataOffset = 37L * MiB + 8192;
        var chunk = new byte[MiB];
        using (var target = temp.OpenTarget())
        {
            using (var file = target.Root.CreateFile("sparse"u8))
            {
                // Restore-style: the whole content arrives as 1 MiB chunks, zeros included.
                var writer = new SparseFileWriter(file);
                for (long offset = 0; offset < 100L * MiB; offset += MiB)
                {
                    Array.Clear(chunk);
                    if (offset <= dataOffset && dataOffset < offset + MiB)
                        chunk.AsSpan((int)(dataOffset - offset), 4096).Fill(0xAB);
                    writer.Write(chunk);
                }
                writer.Complete();
            }
            target.Root.ApplyMetadata("sparse"u8, 420, 0, 0, 0, [], setOwner: false);
        }

        var stat = Posix.Lstat(temp.Child("target/sparse"));
        using var handle = Posix.OpenRead(temp.Child("target/sparse"));
        var ranges = Posix.GetDataRanges(handle, stat.Size);
        var probe = new byte[3];
        RandomAccess.Read(handle, probe, dataOffset - 1);

        await Assert.That(stat.Size).IsEqualTo(100L * MiB);
        await Assert.That(stat.Blocks).IsLessThanOrEqualTo(64L); // 4 KiB = 8 blocks of 512; allow fs slack
        await Assert.That(ranges.Count).IsEqualTo(1);
        await Assert.That(ranges[0]).IsEqualTo((dataOffset, 4096L));
        await Assert.That(Convert.ToHexString(probe)).IsEqualTo("00ABAB");
    }

    [Test]
    public async Task Unaligned_chunks_and_trailing_zeros_round_trip_exactly()
    {
        using var temp = new TempDirectory();
        var random = new Random(42);
        var content = new byte[300_000];
        random.NextBytes(content.AsSpan(5_000, 7_000));
        random.NextBytes(content.AsSpan(150_001, 3));
        using (var target = temp.OpenTarget())
        using (var file = target.Root.CreateFile("file"u8))
        {
            var writer = new SparseFileWriter(file);
            for (int offset = 0; offset < content.Length; offset += 12_345)
                writer.Write(content.AsSpan(offset, Math.Min(12_345, content.Length - offset)));
            writer.Complete();
            await Assert.That(writer.Position).IsEqualTo(300_000L);
        }

        var read = File.ReadAllBytes(temp.PathText + "/target/file");
        await Assert.That(read.Length).IsEqualTo(content.Length);
        await Assert.That(read.AsSpan().SequenceEqual(content)).IsTrue();
    }

    [Test]
    public async Task Write_at_offset_leaves_gap_as_hole_and_rejects_going_back()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        using var file = target.Root.CreateFile("file"u8);
        var writer = new SparseFileWriter(file);

        writer.Write(10 * MiB, "tail"u8);
        writer.Complete();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => writer.Write(0, "x"u8.ToArray()));

        var stat = Posix.Fstat(file);
        await Assert.That(ex).IsNotNull();
        await Assert.That(stat.Size).IsEqualTo(10L * MiB + 4);
        await Assert.That(stat.Blocks).IsLessThanOrEqualTo(64L);
    }

    [Test]
    public async Task All_zero_file_has_its_length_and_no_blocks()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        using var file = target.Root.CreateFile("zeros"u8);
        var writer = new SparseFileWriter(file);

        writer.Write(new byte[3 * MiB + 17]);
        writer.Complete();

        var stat = Posix.Fstat(file);
        await Assert.That(stat.Size).IsEqualTo(3L * MiB + 17);
        await Assert.That(stat.Blocks).IsEqualTo(0L);
    }
}
