using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// Writes a file's content at increasing offsets and leaves all-zero blocks unwritten, so they become holes.
/// Meant for a freshly created (empty) file such as <see cref="RestoreDirectory.CreateFile"/> returns:
/// unwritten ranges of a new file read as zeros. Zero detection works per 4 KiB block aligned to the file
/// offset (the usual file-system block), so a chunk that is partly zeros still leaves holes.
/// <see cref="Complete"/> sets the final length with ftruncate, which keeps a trailing zero range a hole;
/// a file whose last block was written already has its length and is not truncated (ext4 would otherwise
/// walk its extents again). Writes are single pwrite calls on the descriptor: no seek, no position.
/// </summary>
public sealed class SparseFileWriter
{
    private const int BlockSize = 4096;
    private readonly SafeFileHandle _handle;

    public SparseFileWriter(SafeFileHandle handle) => _handle = handle;

    /// <summary>The end of the content written (or skipped) so far; the file length after <see cref="Complete"/>.</summary>
    public long Position { get; private set; }

    /// <summary>The file's length as written so far: the end of the last run that reached the file.</summary>
    private long _lengthOnDisk;

    /// <summary>Appends <paramref name="data"/> at <see cref="Position"/>.</summary>
    public void Write(ReadOnlySpan<byte> data) => Write(Position, data);

    /// <summary>
    /// Writes <paramref name="data"/> at <paramref name="offset"/>, which must not be before
    /// <see cref="Position"/>; a gap in between stays a hole.
    /// </summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(offset, Position);
        int i = 0;
        while (i < data.Length)
        {
            int blockEnd = NextBlockEnd(offset, i, data.Length);
            if (data[i..blockEnd].IndexOfAnyExcept((byte)0) < 0)
            {
                i = blockEnd; // all zeros: skip, the hole reads as zeros
                continue;
            }
            // Extend the run over following non-zero blocks so it goes out in one write.
            int runStart = i;
            i = blockEnd;
            while (i < data.Length)
            {
                int next = NextBlockEnd(offset, i, data.Length);
                if (data[i..next].IndexOfAnyExcept((byte)0) < 0)
                    break;
                i = next;
            }
            WriteAll(data[runStart..i], offset + runStart);
        }
        Position = offset + data.Length;
    }

    /// <summary>Sets the file length to <see cref="Position"/> (ftruncate; extending creates a hole).</summary>
    public void Complete()
    {
        if (_lengthOnDisk == Position)
            return;
        using var fd = new FdLease(_handle);
        if (Libc.FTruncate(fd.Fd, Position) != 0)
            throw new PosixException(Marshal.GetLastPInvokeError(), "ftruncate", $"fd {fd.Fd}");
        _lengthOnDisk = Position;
    }

    private unsafe void WriteAll(ReadOnlySpan<byte> run, long offset)
    {
        using var fd = new FdLease(_handle);
        fixed (byte* start = run)
        {
            int done = 0;
            while (done < run.Length)
            {
                nint n = Libc.PWrite(fd.Fd, start + done, (nuint)(run.Length - done), offset + done);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno == Errno.EINTR)
                        continue;
                    throw new PosixException(errno, "pwrite", $"fd {fd.Fd}");
                }
                done += (int)n;
            }
        }
        _lengthOnDisk = Math.Max(_lengthOnDisk, offset + run.Length);
    }

    /// <summary>End (exclusive, index into data) of the block holding data[index], blocks aligned to file offsets.</summary>
    private static int NextBlockEnd(long offset, int index, int length)
    {
        long absolute = offset + index;
        long end = index + (BlockSize - absolute % BlockSize);
        return (int)Math.Min(end, length);
    }
}
