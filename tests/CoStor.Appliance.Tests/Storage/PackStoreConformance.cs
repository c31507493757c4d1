using System.Security.Cryptography;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Appliance.Tests.Storage;

/// <summary>
/// The <see cref="IPackStore"/> contract, run against every implementation: a subclass says how to open one on
/// a directory (marked <c>[InheritsTests]</c>). Opening again on the same directory stands for a restart.
/// </summary>
public abstract class PackStoreConformance
{
    protected abstract IPackStore Open(string root);

    [Test]
    public async Task A_put_pack_reads_back_byte_for_byte_and_is_listed()
    {
        using var scratch = new ScratchDirectory();
        var store = Open(scratch.Path);
        var (name, bytes) = Pack(3);
        await store.PutAsync(name, new MemoryStream(bytes), CancellationToken.None);

        await Assert.That(store.Contains(name)).IsTrue();
        await Assert.That(ReadAll(store.OpenRead(name)!).AsSpan().SequenceEqual(bytes)).IsTrue();
        await Assert.That(store.List().ToList()).IsEquivalentTo([name]);
    }

    [Test]
    public async Task A_put_pack_survives_a_restart()
    {
        using var scratch = new ScratchDirectory();
        var (name, bytes) = Pack(2);
        await Open(scratch.Path).PutAsync(name, new MemoryStream(bytes), CancellationToken.None);

        var reopened = Open(scratch.Path);
        await Assert.That(ReadAll(reopened.OpenRead(name)!).AsSpan().SequenceEqual(bytes)).IsTrue();
    }

    [Test]
    public async Task A_pack_whose_bytes_do_not_match_its_name_is_refused_and_nothing_is_stored()
    {
        using var scratch = new ScratchDirectory();
        var store = Open(scratch.Path);
        var (name, bytes) = Pack(2);
        var (otherName, _) = Pack(1);
        var flipped = (byte[])bytes.Clone();
        flipped[PackFormat.HeaderLength + FrameHeader.Length + 10] ^= 1; // inside the first blob

        await Assert.ThrowsAsync<CorruptPackException>(() => store.PutAsync(otherName, new MemoryStream(bytes), CancellationToken.None));
        await Assert.ThrowsAsync<CorruptPackException>(() => store.PutAsync(name, new MemoryStream(flipped), CancellationToken.None));
        await Assert.ThrowsAsync<CorruptPackException>(() => store.PutAsync(name, new MemoryStream(bytes[..^1]), CancellationToken.None));

        await Assert.That(store.Contains(name)).IsFalse();
        await Assert.That(store.Contains(otherName)).IsFalse();
        await Assert.That(store.List().ToList()).IsEmpty();
        await Assert.That(Open(scratch.Path).List().ToList()).IsEmpty();
    }

    [Test]
    public async Task A_put_whose_source_fails_midway_leaves_nothing_visible_and_can_be_repeated()
    {
        using var scratch = new ScratchDirectory();
        var store = Open(scratch.Path);
        var (name, bytes) = Pack(4);

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync(name, new FailingStream(bytes, bytes.Length / 2), CancellationToken.None));
        await Assert.That(store.Contains(name)).IsFalse();
        await Assert.That(store.OpenRead(name)).IsNull();
        await Assert.That(Open(scratch.Path).List().ToList()).IsEmpty();

        await store.PutAsync(name, new MemoryStream(bytes), CancellationToken.None);
        await Assert.That(ReadAll(store.OpenRead(name)!).AsSpan().SequenceEqual(bytes)).IsTrue();
    }

    [Test]
    public async Task Readers_never_see_a_pack_before_its_put_completes()
    {
        using var scratch = new ScratchDirectory();
        var store = Open(scratch.Path);
        var (name, bytes) = Pack(8);
        var source = new GatedStream(bytes);
        var put = store.PutAsync(name, source, CancellationToken.None);
        await source.HalfRead.Task;

        await Assert.That(store.Contains(name)).IsFalse();
        await Assert.That(store.OpenRead(name)).IsNull();
        await Assert.That(store.List().ToList()).IsEmpty();
        source.Release.SetResult();
        await put;
        await Assert.That(ReadAll(store.OpenRead(name)!).AsSpan().SequenceEqual(bytes)).IsTrue();
    }

    [Test]
    public async Task Putting_a_held_pack_again_stores_nothing_new()
    {
        using var scratch = new ScratchDirectory();
        var store = Open(scratch.Path);
        var (name, bytes) = Pack(2);
        await store.PutAsync(name, new MemoryStream(bytes), CancellationToken.None);
        await store.PutAsync(name, new MemoryStream(bytes), CancellationToken.None);

        await Assert.That(store.List().ToList()).IsEquivalentTo([name]);
        await Assert.That(store.OpenRead(Pack(1).Name)).IsNull();
    }

    /// <summary>A sealed pack of <paramref name="blobs"/> random blobs, and its name.</summary>
    protected static (BlobId Name, byte[] Bytes) Pack(int blobs)
    {
        var output = new MemoryStream();
        var writer = new PackWriter(output);
        for (var i = 0; i < blobs; i++)
        {
            var blob = RandomNumberGenerator.GetBytes(5000 + i);
            writer.Append(BlobType.Data, BlobId.Compute(blob), blob);
        }
        writer.Finish();
        return (writer.Name!.Value, output.ToArray());
    }

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    /// <summary>A read-only stream over bytes whose reads a subclass may shape.</summary>
    private abstract class SourceStream(byte[] bytes) : Stream
    {
        protected MemoryStream Inner { get; } = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => Inner.Length;
        public override long Position { get => Inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }

    /// <summary>Gives <c>failAt</c> bytes, then fails as a dropped connection would.</summary>
    private sealed class FailingStream(byte[] bytes, int failAt) : SourceStream(bytes[..failAt])
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Inner.Read(buffer.Span) is var n and > 0 ? ValueTask.FromResult(n) : throw new IOException("connection reset");
    }

    /// <summary>Gives the first half, then waits for <see cref="Release"/> before giving the rest.</summary>
    private sealed class GatedStream(byte[] bytes) : SourceStream(bytes)
    {
        public TaskCompletionSource HalfRead { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var half = Inner.Length / 2;
            if (Inner.Position >= half)
            {
                HalfRead.TrySetResult();
                await Release.Task;
                return Inner.Read(buffer.Span);
            }
            return Inner.Read(buffer.Span[..(int)Math.Min(buffer.Length, half - Inner.Position)]);
        }
    }
}
