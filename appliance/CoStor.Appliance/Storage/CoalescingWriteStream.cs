using System.Buffers;

namespace CoStor.Appliance.Storage;

/// <summary>
/// Gathers small writes to a file into one buffer so that a batch of small blobs reaches the kernel in a few
/// large writes instead of two system calls per blob (frame header and blob). Unlike
/// <see cref="BufferedStream"/>, the buffer is rented on the first write and handed back at every
/// <see cref="Flush"/> and <see cref="Discard"/>, so an idle pack holds none.
/// Writes only append at the current position; reading, seeking or resizing first writes the buffer out.
/// </summary>
public sealed class CoalescingWriteStream : Stream
{
    /// <summary>Buffer size.</summary>
    public const int Capacity = 256 << 10;

    /// <summary>
    /// A write at least this large is not copied: what is buffered goes out first, then the write itself. A large
    /// blob arrives in pieces of 256 KiB; copying each into the buffer only to write it out again cost a memory copy
    /// of everything uploaded, for one system call saved per piece.
    /// </summary>
    public const int PassThroughLength = Capacity / 2;

    private readonly Stream _inner;
    private byte[]? _buffer;
    private int _count;

    public CoalescingWriteStream(Stream inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    public override bool CanRead => _inner.CanRead;
    public override bool CanSeek => _inner.CanSeek;
    public override bool CanWrite => _inner.CanWrite;

    public override long Length
    {
        get
        {
            WriteOut();
            return _inner.Length;
        }
    }

    public override long Position
    {
        get => _inner.Position + _count;
        set
        {
            WriteOut();
            _inner.Position = value;
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length >= PassThroughLength)
        {
            WriteOut();
            _inner.Write(buffer);
            return;
        }
        while (!buffer.IsEmpty)
        {
            _buffer ??= ArrayPool<byte>.Shared.Rent(Capacity);
            int n = Math.Min(buffer.Length, Capacity - _count);
            buffer[..n].CopyTo(_buffer.AsSpan(_count));
            _count += n;
            buffer = buffer[n..];
            if (_count == Capacity)
                WriteOut();
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Writes the buffer out, returns it, and flushes the inner stream (not to disk).</summary>
    public override void Flush()
    {
        WriteOut();
        Release();
        _inner.Flush();
    }

    /// <summary>Drops what is buffered, unwritten (a rollback cuts it anyway) and returns the buffer.</summary>
    public void Discard()
    {
        _count = 0;
        Release();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        WriteOut();
        return _inner.Read(buffer);
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        WriteOut();
        return _inner.Seek(offset, origin);
    }

    public override void SetLength(long value)
    {
        WriteOut();
        _inner.SetLength(value);
    }

    protected override void Dispose(bool disposing)
    {
        // Unflushed bytes were never acknowledged: they are dropped, not written on the way out.
        Discard();
        base.Dispose(disposing);
    }

    private void WriteOut()
    {
        if (_count == 0)
            return;
        _inner.Write(_buffer.AsSpan(0, _count));
        _count = 0;
    }

    private void Release()
    {
        if (_buffer is null)
            return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = null;
    }
}
