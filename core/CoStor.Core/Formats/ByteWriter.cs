using System.Buffers;
using System.Buffers.Binary;

namespace CoStor.Core.Formats;

/// <summary>Writers for the binary formats' primitives (see <see cref="ByteReader"/> for the rules).</summary>
internal static class ByteWriter
{
    public const int MaxVarintLength = 10;

    public static void U8(this IBufferWriter<byte> w, byte value)
    {
        w.GetSpan(1)[0] = value;
        w.Advance(1);
    }

    public static void U32(this IBufferWriter<byte> w, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(w.GetSpan(4), value);
        w.Advance(4);
    }

    public static void U64(this IBufferWriter<byte> w, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    public static void I64(this IBufferWriter<byte> w, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(w.GetSpan(8), value);
        w.Advance(8);
    }

    public static void Varint(this IBufferWriter<byte> w, ulong value)
    {
        var span = w.GetSpan(MaxVarintLength);
        int n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        w.Advance(n);
    }

    public static void Bytes(this IBufferWriter<byte> w, ReadOnlySpan<byte> bytes) => w.Write(bytes);

    public static void LengthPrefixed(this IBufferWriter<byte> w, ReadOnlySpan<byte> bytes)
    {
        w.Varint((ulong)bytes.Length);
        w.Write(bytes);
    }
}
