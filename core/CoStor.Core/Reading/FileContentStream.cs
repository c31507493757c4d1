using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Core.Reading;

/// <summary>
/// A file's content as a read-only, forward-only stream: its chunks are read, verified and decoded one at a
/// time (<see cref="ChunkOpener"/>, decrypted in the reader's scratch), so memory is one chunk (at most 4 MiB)
/// whatever the file's size.
/// A chunk that fails to open throws <see cref="CorruptBlobException"/>; content whose length differs from the
/// tree's size throws <see cref="CorruptTreeException"/> at its end, so a reader never takes a wrong file for a
/// whole one. Disposing disposes <paramref name="owned"/> (the reader's connection and pack handles). A caller
/// streaming many files passes one <see cref="ChunkBuffers"/> for all of them; otherwise buffers sized to this
/// file's largest chunk are allocated.
/// </summary>
public sealed class FileContentStream(IBlobReader blobs, TreeNode file, IDisposable? owned = null, ChunkBuffers? buffers = null) : Stream
{
    private readonly byte[] _plain = buffers?.Plain ?? GC.AllocateUninitializedArray<byte>(Math.Max(1, MaxChunk(file)));
    private int _chunk = -1;
    private int _offset;
    private int _length;
    private long _position;
    private bool _disposed;

    /// <summary>The file's size as its tree records it: the stream's length when the content is whole.</summary>
    public long FileLength => file.Size;

    public override bool CanRead => !_disposed;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes delivered so far (readable; setting is not supported).</summary>
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
            return 0;
        while (_offset == _length)
        {
            if (!NextChunk())
                return 0;
        }
        int n = Math.Min(buffer.Length, _length - _offset);
        _plain.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        _position += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>
    /// Writes the rest of the content to <paramref name="destination"/> straight from the decoded chunk (one copy
    /// fewer than reads through a buffer); <paramref name="bufferSize"/> is not used.
    /// </summary>
    public override void CopyTo(Stream destination, int bufferSize)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        do
        {
            var rest = _plain.AsSpan(_offset, _length - _offset);
            if (!rest.IsEmpty)
                destination.Write(rest);
            _position += rest.Length;
            _offset = _length;
        }
        while (NextChunk());
    }

    /// <summary>Opens the next chunk into the plain buffer; false at the end of a whole file.</summary>
    private bool NextChunk()
    {
        if (_chunk + 1 >= file.Content.Count)
        {
            if (_position != file.Size)
                throw new CorruptTreeException($"Corrupt tree: {TreeNames.Describe(file.Name)} has {_position} bytes of content, its tree says {file.Size}.");
            return false;
        }
        var chunk = file.Content[++_chunk];
        var error = ChunkOpener.TryOpenInPlace(chunk.Ref, blobs.Read(chunk.Ref.Id), _plain.AsSpan(0, chunk.Length));
        if (error is not null && blobs.TryRepair(chunk.Ref.Id))
            error = ChunkOpener.TryOpenInPlace(chunk.Ref, blobs.Read(chunk.Ref.Id), _plain.AsSpan(0, chunk.Length));
        if (error is not null)
            throw new CorruptBlobException(error);
        (_offset, _length) = (0, chunk.Length);
        return true;
    }

    private static int MaxChunk(TreeNode file)
    {
        int max = 0;
        foreach (var chunk in file.Content)
            max = Math.Max(max, chunk.Length);
        return Math.Min(max, BlobLimits.MaxDataPlainLength);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
            owned?.Dispose();
        _disposed = true;
        base.Dispose(disposing);
    }
}
