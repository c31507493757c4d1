using System.Buffers.Binary;
using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Core.Packs;

/// <summary>Reads sealed and open packs (<see cref="PackFormat"/>). Streams must be seekable unless noted.</summary>
public static class PackReader
{
    /// <summary>
    /// Reads and checks a sealed pack's index: both magics and the version, the index hash, and that the
    /// entries describe exactly the frames between header and index, in order. Throws
    /// <see cref="CorruptPackException"/> otherwise. Blob bytes are not read (see <see cref="ReadBlob"/>).
    /// </summary>
    public static IReadOnlyList<PackIndexEntry> ReadIndex(Stream sealedPack)
    {
        ArgumentNullException.ThrowIfNull(sealedPack);
        long length = sealedPack.Length;
        if (length < PackFormat.HeaderLength + 4 + PackFormat.TrailerLength)
        {
            throw new CorruptPackException($"Pack is {length} bytes, too short for header, index and trailer.");
        }

        Span<byte> header = stackalloc byte[PackFormat.HeaderLength];
        ReadAt(sealedPack, 0, header);
        if (!PackFormat.IsValidHeader(header))
        {
            throw new CorruptPackException("Pack header is not \"COSTORPK\" version 1.");
        }

        Span<byte> trailer = stackalloc byte[PackFormat.TrailerLength];
        ReadAt(sealedPack, length - PackFormat.TrailerLength, trailer);
        if (!trailer[36..].SequenceEqual(PackFormat.Magic))
        {
            throw new CorruptPackException("Pack trailer magic is missing: the pack is truncated or not sealed.");
        }

        uint indexLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        long indexStart = length - PackFormat.TrailerLength - indexLength;
        if (indexLength < 4 || indexStart < PackFormat.HeaderLength || (indexLength - 4) % PackFormat.IndexEntryLength != 0)
        {
            throw new CorruptPackException($"Pack index length {indexLength} does not fit a pack of {length} bytes.");
        }

        var index = new byte[indexLength];
        ReadAt(sealedPack, indexStart, index);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(index, hash);
        if (!hash.SequenceEqual(trailer[4..36]))
        {
            throw new CorruptPackException("Pack index does not match its hash in the trailer.");
        }

        return ParseIndex(index, indexStart);
    }

    private static List<PackIndexEntry> ParseIndex(ReadOnlySpan<byte> index, long indexStart)
    {
        uint count = BinaryPrimitives.ReadUInt32LittleEndian(index);
        if (4 + (long)count * PackFormat.IndexEntryLength != index.Length)
        {
            throw new CorruptPackException($"Pack index declares {count} entries but holds {(index.Length - 4) / PackFormat.IndexEntryLength}.");
        }

        var entries = new List<PackIndexEntry>((int)count);
        long end = PackFormat.HeaderLength;
        for (int i = 0; i < count; i++)
        {
            var e = index.Slice(4 + i * PackFormat.IndexEntryLength, PackFormat.IndexEntryLength);
            var type = (BlobType)e[0];
            var id = BlobId.Read(e[1..]);
            ulong offset = BinaryPrimitives.ReadUInt64LittleEndian(e[33..]);
            uint blobLength = BinaryPrimitives.ReadUInt32LittleEndian(e[41..]);
            if (!Enum.IsDefined(type) || blobLength > BlobLimits.MaxBlobLength
                || offset != (ulong)(end + PackFormat.FrameHeaderLength) || (long)offset + blobLength > indexStart)
            {
                throw new CorruptPackException($"Pack index entry {i} (blob {id}, type {e[0]}, offset {offset}, length {blobLength}) is out of place or out of bounds.");
            }

            entries.Add(new PackIndexEntry(type, id, (long)offset, (int)blobLength));
            end = (long)offset + blobLength;
        }

        if (end != indexStart)
        {
            throw new CorruptPackException($"Pack frames end at {end} but the index starts at {indexStart}.");
        }

        return entries;
    }

    /// <summary>
    /// Rescans an open pack (header and frames, no index) from the start, verifying every frame against
    /// its id and stopping at the first torn or corrupt frame. Throws <see cref="CorruptPackException"/>
    /// only when a full header is present and wrong.
    /// </summary>
    public static OpenPackScan ScanOpen(Stream openPack)
    {
        ArgumentNullException.ThrowIfNull(openPack);
        openPack.Position = 0;
        Span<byte> header = stackalloc byte[PackFormat.HeaderLength];
        int got = openPack.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (got < header.Length)
        {
            return new OpenPackScan([], 0); // crashed while writing the header
        }

        if (!PackFormat.IsValidHeader(header))
        {
            throw new CorruptPackException("Open pack header is not \"COSTORPK\" version 1.");
        }

        var entries = new List<PackIndexEntry>();
        var reader = new FrameReader(openPack, BlobLimits.MaxBlobLength);
        try
        {
            while (reader.ReadNext())
            {
                long offset = PackFormat.HeaderLength + reader.FrameOffset + PackFormat.FrameHeaderLength;
                entries.Add(new PackIndexEntry(reader.Type, reader.Id, offset, reader.Blob.Length));
            }
        }
        catch (InvalidFrameException)
        {
            // Torn or corrupt tail: everything from this frame on is cut off by the caller.
        }

        return new OpenPackScan(entries, PackFormat.HeaderLength + reader.Position);
    }

    /// <summary>Reads one blob and checks it against its entry and id (<see cref="CorruptPackException"/> otherwise).</summary>
    public static byte[] ReadBlob(Stream pack, in PackIndexEntry entry)
    {
        ArgumentNullException.ThrowIfNull(pack);
        if (entry.Offset < PackFormat.HeaderLength + PackFormat.FrameHeaderLength || entry.Offset + entry.Length > pack.Length)
        {
            throw new CorruptPackException($"Blob {entry.Id} at offset {entry.Offset} (length {entry.Length}) lies outside the pack.");
        }

        Span<byte> header = stackalloc byte[PackFormat.FrameHeaderLength];
        ReadAt(pack, entry.Offset - PackFormat.FrameHeaderLength, header);
        var blob = new byte[entry.Length];
        pack.ReadExactly(blob);
        var type = (BlobType)header[0];
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header[1..]);
        var id = BlobId.Read(header[5..]);
        if (type != entry.Type || length != (uint)entry.Length || id != entry.Id)
        {
            throw new CorruptPackException($"Frame at offset {entry.Offset - PackFormat.FrameHeaderLength} does not match the index entry for blob {entry.Id}.");
        }

        var actual = BlobId.Compute(blob);
        return actual == entry.Id ? blob : throw new CorruptPackException($"Blob {entry.Id} at offset {entry.Offset} hashes to {actual}.");
    }

    /// <summary>
    /// The pack's name: the SHA-256 of its index, as recorded in the trailer (docs/design.md, "Packs"). The index
    /// lists every blob's id, and every id is the SHA-256 of its blob, so for a valid pack the name commits to
    /// all of its bytes without hashing them a second time. Validates header, trailer and index first.
    /// </summary>
    public static BlobId ComputePackId(Stream sealedPack)
    {
        ReadIndex(sealedPack);
        Span<byte> trailer = stackalloc byte[PackFormat.TrailerLength];
        ReadAt(sealedPack, sealedPack.Length - PackFormat.TrailerLength, trailer);
        return BlobId.Read(trailer[4..36]);
    }

    private static void ReadAt(Stream stream, long position, Span<byte> destination)
    {
        stream.Position = position;
        if (stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false) < destination.Length)
        {
            throw new CorruptPackException($"Pack ends before byte {position + destination.Length}.");
        }
    }
}
