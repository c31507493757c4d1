using System.Buffers.Binary;

namespace CoStor.Core.Blobs;

/// <summary>
/// Shared plumbing for 32-byte values held as four big-endian ulongs, so that comparing the words in
/// order compares the bytes lexicographically (the same order as their hex strings).
/// </summary>
internal static class Hex32
{
    public const int Length = 32;

    public static void Read(ReadOnlySpan<byte> source, out ulong a, out ulong b, out ulong c, out ulong d, string what)
    {
        if (source.Length < Length)
        {
            throw new ArgumentException($"A {what} needs {Length} bytes; got {source.Length}.", nameof(source));
        }

        a = BinaryPrimitives.ReadUInt64BigEndian(source);
        b = BinaryPrimitives.ReadUInt64BigEndian(source[8..]);
        c = BinaryPrimitives.ReadUInt64BigEndian(source[16..]);
        d = BinaryPrimitives.ReadUInt64BigEndian(source[24..]);
    }

    public static void Write(Span<byte> destination, ulong a, ulong b, ulong c, ulong d, string what)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"A {what} needs {Length} bytes of room; got {destination.Length}.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], d);
    }

    public static string ToHex(ulong a, ulong b, ulong c, ulong d)
    {
        Span<byte> bytes = stackalloc byte[Length];
        Write(bytes, a, b, c, d, "value");
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Accepts exactly 64 hex digits, either case. Returns false on anything else.</summary>
    public static bool TryParse(string? hex, Span<byte> bytes)
    {
        if (hex is null || hex.Length != Length * 2)
        {
            return false;
        }

        return Convert.FromHexString(hex, bytes, out int consumed, out int written) == System.Buffers.OperationStatus.Done
            && consumed == hex.Length && written == Length;
    }

    public static FormatException ParseError(string? hex, string what) => new(
        hex is null
            ? $"A {what} is required (64 hex digits)."
            : hex.Length == Length * 2
                ? $"'{hex}' is not a {what}: it contains characters other than hex digits."
                : $"'{Truncate(hex)}' is not a {what}: expected 64 hex digits, got {hex.Length} characters.");

    private static string Truncate(string s) => s.Length <= 80 ? s : s[..80] + "...";
}
