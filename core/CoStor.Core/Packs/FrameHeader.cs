using System.Buffers.Binary;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Core.Packs;

/// <summary>The 37-byte frame header shared by packs and upload bodies: type u8 | length u32 LE | blob id (32).</summary>
public static class FrameHeader
{
    public const int Length = PackFormat.FrameHeaderLength;

    public static void Write(Span<byte> destination, BlobType type, int length, in BlobId id)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentException($"Unknown blob type {(byte)type}.", nameof(type));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(length);
        destination[0] = (byte)type;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], (uint)length);
        id.WriteTo(destination[5..]);
    }

    /// <summary>
    /// Parses a frame header. Throws <see cref="InvalidFrameException"/> for an unknown type or a length
    /// over <paramref name="maxBlobLength"/>.
    /// </summary>
    public static (BlobType Type, int Length, BlobId Id) Read(ReadOnlySpan<byte> source, int maxBlobLength)
    {
        if (source.Length < Length)
        {
            throw new InvalidFrameException($"Truncated frame header: {source.Length} of {Length} bytes.");
        }

        var type = (BlobType)source[0];
        var id = BlobId.Read(source[5..]);
        if (!Enum.IsDefined(type))
        {
            throw new InvalidFrameException($"Frame for blob {id} has unknown type {source[0]} (expected 1 data, 2 tree or 3 snapshot).");
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(source[1..]);
        if (length > (uint)maxBlobLength)
        {
            throw new InvalidFrameException($"Frame for blob {id} declares {length} bytes, over the {maxBlobLength}-byte limit.");
        }

        return (type, (int)length, id);
    }
}
