using System.Buffers.Binary;
using System.Security.Cryptography;
using CoStor.Core.Blobs;

namespace CoStor.Core.Packs;

/// <summary>
/// Appends frames to an open pack and seals it with index and trailer (<see cref="PackFormat"/>).
/// It only writes: durability (flush to disk before acknowledging, rename, directory fsync) is the
/// caller's, following the write order in docs/design.md. Blobs are not re-hashed here; they are verified
/// where they arrive (<see cref="FrameReader"/>). Not thread-safe.
/// </summary>
public sealed class PackWriter
{
    private readonly Stream _output;
    private readonly List<PackIndexEntry> _entries;
    private bool _finished;
    private (BlobType Type, BlobId Id, int Length, int Written)? _open;

    /// <summary>Starts a new pack on an empty stream by writing the header.</summary>
    public PackWriter(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Length != 0)
        {
            throw new ArgumentException("A new pack needs an empty stream; use PackWriter.Resume for an open pack.", nameof(output));
        }

        _output = output;
        _entries = [];
        Span<byte> header = stackalloc byte[PackFormat.HeaderLength];
        PackFormat.WriteHeader(header);
        output.Write(header);
        Length = PackFormat.HeaderLength;
    }

    private PackWriter(Stream output, List<PackIndexEntry> entries, long length)
    {
        _output = output;
        _entries = entries;
        Length = length;
    }

    /// <summary>Bytes in the pack so far.</summary>
    public long Length { get; private set; }

    /// <summary>Frames appended so far (including resumed ones), in file order.</summary>
    public IReadOnlyList<PackIndexEntry> Entries => _entries;

    /// <summary>True between <see cref="BeginFrame"/> and <see cref="EndFrame"/>: bytes past <see cref="Length"/> are not a frame yet.</summary>
    public bool HasOpenFrame => _open is not null;

    /// <summary>True once <see cref="Finish"/> has written index and trailer.</summary>
    public bool IsFinished => _finished;

    /// <summary>
    /// Continues an open pack whose frames are exactly <paramref name="existing"/> (from
    /// <see cref="PackReader.ScanOpen"/>, after truncating the stream to its valid length).
    /// </summary>
    public static PackWriter Resume(Stream output, IReadOnlyList<PackIndexEntry> existing)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(existing);
        Span<byte> header = stackalloc byte[PackFormat.HeaderLength];
        output.Position = 0;
        if (output.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length || !PackFormat.IsValidHeader(header))
        {
            throw new ArgumentException("Stream does not start with a pack header; scan it and truncate to its valid length first.", nameof(output));
        }

        long end = PackFormat.HeaderLength;
        foreach (var entry in existing)
        {
            if (entry.Offset != end + PackFormat.FrameHeaderLength)
            {
                throw new ArgumentException($"Entry for blob {entry.Id} at offset {entry.Offset} does not follow the previous frame (expected {end + PackFormat.FrameHeaderLength}).", nameof(existing));
            }

            end = entry.Offset + entry.Length;
        }

        if (output.Length != end)
        {
            throw new ArgumentException($"Open pack is {output.Length} bytes but its entries end at {end}; truncate it to the scanned valid length first.", nameof(output));
        }

        return new PackWriter(output, [.. existing], end);
    }

    /// <summary>The pack's name (SHA-256 of its index, see <see cref="PackReader.ComputePackId"/>); set by <see cref="Finish"/>.</summary>
    public BlobId? Name { get; private set; }

    /// <summary>Appends one frame; returns the offset of the blob bytes.</summary>
    public long Append(BlobType type, in BlobId id, ReadOnlySpan<byte> blob)
    {
        BeginFrame(type, id, blob.Length);
        WriteBlob(blob);
        return EndFrame();
    }

    /// <summary>
    /// Starts a frame whose <paramref name="length"/> blob bytes follow through <see cref="WriteBlob"/>, for
    /// blobs streamed as they arrive; <see cref="EndFrame"/> records it. A caller that gives up midway must cut
    /// the stream back (as an open pack's rollback does): the frame is not in <see cref="Entries"/> until ended.
    /// </summary>
    public void BeginFrame(BlobType type, in BlobId id, int length)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_open is not null)
        {
            throw new InvalidOperationException($"Frame for blob {_open.Value.Id} is still open.");
        }

        if (length > BlobLimits.MaxBlobLength)
        {
            throw new ArgumentException($"Blob {id} is {length} bytes, over the {BlobLimits.MaxBlobLength}-byte limit.", nameof(length));
        }

        Span<byte> header = stackalloc byte[FrameHeader.Length];
        FrameHeader.Write(header, type, length, id);
        // Others may read the same stream object between appends; always write at the end. (Only seek when
        // needed: setting a buffered FileStream's position flushes its buffer.)
        if (_output.CanSeek && _output.Position != Length)
        {
            _output.Position = Length;
        }

        _output.Write(header);
        _open = (type, id, length, 0);
    }

    /// <summary>Writes the next bytes of the open frame's blob.</summary>
    public void WriteBlob(ReadOnlySpan<byte> bytes)
    {
        var open = _open ?? throw new InvalidOperationException("No frame is open.");
        if (open.Written + bytes.Length > open.Length)
        {
            throw new ArgumentException($"Blob {open.Id} declared {open.Length} bytes; {open.Written + bytes.Length} were written.", nameof(bytes));
        }

        _output.Write(bytes);
        _open = open with { Written = open.Written + bytes.Length };
    }

    /// <summary>Ends the open frame once all its blob bytes were written; returns the offset of the blob bytes.</summary>
    public long EndFrame()
    {
        var open = _open ?? throw new InvalidOperationException("No frame is open.");
        if (open.Written != open.Length)
        {
            throw new InvalidOperationException($"Blob {open.Id} declared {open.Length} bytes but {open.Written} were written.");
        }

        long offset = Length + FrameHeader.Length;
        _entries.Add(new PackIndexEntry(open.Type, open.Id, offset, open.Length));
        Length = offset + open.Length;
        _open = null;
        return offset;
    }

    /// <summary>Writes index and trailer, sealing the pack; further appends throw. Does not flush to disk.</summary>
    public void Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (_open is not null)
        {
            throw new InvalidOperationException($"Frame for blob {_open.Value.Id} is still open.");
        }

        int indexLength = checked(4 + _entries.Count * PackFormat.IndexEntryLength);
        var tail = new byte[indexLength + PackFormat.TrailerLength];
        var index = tail.AsSpan(0, indexLength);
        BinaryPrimitives.WriteUInt32LittleEndian(index, (uint)_entries.Count);
        int at = 4;
        foreach (var e in _entries)
        {
            index[at] = (byte)e.Type;
            e.Id.WriteTo(index[(at + 1)..]);
            BinaryPrimitives.WriteUInt64LittleEndian(index[(at + 33)..], (ulong)e.Offset);
            BinaryPrimitives.WriteUInt32LittleEndian(index[(at + 41)..], (uint)e.Length);
            at += PackFormat.IndexEntryLength;
        }

        var trailer = tail.AsSpan(indexLength);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, (uint)indexLength);
        SHA256.HashData(index, trailer[4..36]);
        PackFormat.Magic.CopyTo(trailer[36..]);
        Name = BlobId.Read(trailer[4..36]);
        if (_output.CanSeek && _output.Position != Length)
        {
            _output.Position = Length;
        }

        _output.Write(tail);
        Length += tail.Length;
        _finished = true;
    }
}
