using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// Reads an open file from offset 0 up to the size it had when opened, with one pread per call and no
/// other system call: no position query on construction (as FileStream makes) and no extra read to find
/// the end. A file that grows meanwhile is read up to its old size, one that shrinks ends early; the caller
/// compares the file's stat before and after and reports either as changed while being read.
/// </summary>
public sealed class SizedFileStream(SafeFileHandle handle, long size) : Stream
{
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => size;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var remaining = size - _position;
        if (remaining <= 0 || buffer.IsEmpty)
            return 0;
        var wanted = buffer[..(int)Math.Min(buffer.Length, remaining)];
        nint read;
        using (var fd = new FdLease(handle))
        {
            unsafe
            {
                fixed (byte* destination = wanted)
                {
                    do
                        read = Libc.PRead(fd.Fd, destination, (nuint)wanted.Length, _position);
                    while (read < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
                }
            }
        }
        if (read < 0)
            throw new IOException($"read failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        _position += read;
        return (int)read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
