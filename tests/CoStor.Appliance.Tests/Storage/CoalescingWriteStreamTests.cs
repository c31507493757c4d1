using System.Security.Cryptography;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Storage;

/// <summary>The write coalescer in front of pack files, against a real file.</summary>
public class CoalescingWriteStreamTests
{
    /// <summary>Writes of every size, small ones gathered and large ones passed through, land byte for byte.</summary>
    [Test]
    public async Task Mixed_writes_reach_the_file_in_order_and_byte_for_byte()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "pack");
        var expected = new MemoryStream();
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
        using (var writes = new CoalescingWriteStream(file))
        {
            var sizes = new[] { 1, 44, 4000, CoalescingWriteStream.Capacity, 17, CoalescingWriteStream.Capacity * 3 + 5, 0, 100_000, 200_000,
                CoalescingWriteStream.PassThroughLength - 1, 41, CoalescingWriteStream.PassThroughLength, 3 };
            foreach (var size in sizes)
            {
                var bytes = RandomNumberGenerator.GetBytes(size);
                writes.Write(bytes);
                expected.Write(bytes);
                await Assert.That(writes.Position).IsEqualTo(expected.Length);
            }
            writes.Flush();
            await Assert.That(file.Length).IsEqualTo(expected.Length);
        }
        await Assert.That(File.ReadAllBytes(path).SequenceEqual(expected.ToArray())).IsTrue();
    }

    /// <summary>Small writes reach the file together; a large one goes out as it is, after what was buffered.</summary>
    [Test]
    public async Task Small_writes_are_gathered_and_large_ones_pass_through_after_them()
    {
        var inner = new RecordingStream();
        using (var writes = new CoalescingWriteStream(inner))
        {
            writes.Write(new byte[41]);
            writes.Write(new byte[1000]);
            writes.Write(new byte[CoalescingWriteStream.PassThroughLength]);
            writes.Write(new byte[41]);
            writes.Write(new byte[CoalescingWriteStream.PassThroughLength - 1]);
            writes.Flush();
        }
        await Assert.That(inner.Writes).IsEquivalentTo(new[] { 1041, CoalescingWriteStream.PassThroughLength, 41 + CoalescingWriteStream.PassThroughLength - 1 });
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<int> Writes { get; } = [];

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Writes.Add(buffer.Length);
            base.Write(buffer);
        }
    }

    /// <summary>Discarded and disposed-unflushed bytes never reach the file; flushed ones stay.</summary>
    [Test]
    public async Task Discarded_and_unflushed_bytes_never_reach_the_file()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "pack");
        var kept = RandomNumberGenerator.GetBytes(3000);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0))
        {
            using (var writes = new CoalescingWriteStream(file))
            {
                writes.Write(kept);
                writes.Flush();
                writes.Write(RandomNumberGenerator.GetBytes(500));
                writes.Discard();
                await Assert.That(writes.Position).IsEqualTo(kept.Length);
                writes.Write(RandomNumberGenerator.GetBytes(700));
            }
            await Assert.That(file.Length).IsEqualTo(kept.Length);
        }
        await Assert.That(File.ReadAllBytes(path).SequenceEqual(kept)).IsTrue();
    }

    /// <summary>Reading, seeking and resizing see what was written before them.</summary>
    [Test]
    public async Task Reads_and_resizes_see_buffered_writes()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "pack");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        using var writes = new CoalescingWriteStream(file);
        var bytes = RandomNumberGenerator.GetBytes(1000);
        writes.Write(bytes);
        await Assert.That(writes.Length).IsEqualTo(1000);
        writes.Position = 0;
        var back = new byte[1000];
        writes.ReadExactly(back);
        await Assert.That(back.SequenceEqual(bytes)).IsTrue();
        writes.Write(RandomNumberGenerator.GetBytes(10));
        writes.SetLength(400);
        await Assert.That(file.Length).IsEqualTo(400);
    }
}
