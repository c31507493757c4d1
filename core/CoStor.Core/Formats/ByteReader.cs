using System.Buffers.Binary;
using System.Text;

namespace CoStor.Core.Formats;

/// <summary>
/// Forward-only reader over a byte span for the binary formats. Every failure (truncation, overlong
/// varint, bad UTF-8) is raised through <c>error</c>, so each format throws its own exception type.
/// Varints are unsigned LEB128 in their shortest form: non-canonical encodings are rejected, so one
/// value has one encoding and decode → encode gives the same bytes.
/// </summary>
internal ref struct ByteReader(ReadOnlySpan<byte> source, Func<string, Exception> error)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _source = source;

    public int Position { get; private set; }

    public readonly int Remaining => _source.Length - Position;

    public readonly Exception Error(string message) => error($"{message} (at byte {Position})");

    public ReadOnlySpan<byte> Bytes(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error($"Truncated {what}: needs {count} bytes, {Remaining} left");
        }

        var span = _source.Slice(Position, count);
        Position += count;
        return span;
    }

    public byte U8(string what) => Bytes(1, what)[0];

    public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4, what));

    public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8, what));

    public long I64(string what) => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8, what));

    public ulong Varint(string what)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = U8(what);
            if (shift == 63 && b > 1)
            {
                throw Error($"Varint {what} overflows 64 bits");
            }

            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (b == 0 && shift > 0)
                {
                    throw Error($"Varint {what} is not in shortest form");
                }

                return value;
            }
        }
    }

    /// <summary>A varint that must be at most <paramref name="max"/>.</summary>
    public ulong Varint(string what, ulong max)
    {
        ulong value = Varint(what);
        return value <= max ? value : throw Error($"{what} {value} exceeds the limit of {max}");
    }

    /// <summary>A varint that must be at most <paramref name="max"/>.</summary>
    public int VarintInt(string what, int max) => (int)Varint(what, (ulong)max);

    /// <summary>varint length + bytes, the length at most <paramref name="maxLength"/>.</summary>
    public ReadOnlySpan<byte> LengthPrefixed(string what, int maxLength) =>
        Bytes(VarintInt($"{what} length", maxLength), what);

    public string Utf8(string what, int maxLength)
    {
        var bytes = LengthPrefixed(what, maxLength);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"{what} is not valid UTF-8");
        }
    }

    public readonly void End(string what)
    {
        if (Remaining != 0)
        {
            throw Error($"{Remaining} trailing bytes after {what}");
        }
    }
}
