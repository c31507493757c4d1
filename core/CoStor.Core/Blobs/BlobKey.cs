namespace CoStor.Core.Blobs;

/// <summary>
/// The AES-256-GCM key of one blob: HMAC-SHA256(keying key, SHA-256(payload)) (docs/design.md, "Blobs").
/// A secret: whoever holds it can decrypt the blob. <see cref="ToString"/> prints it in hex, so never log it.
/// </summary>
public readonly struct BlobKey : IEquatable<BlobKey>
{
    public const int Length = Hex32.Length;

    private readonly ulong _a, _b, _c, _d;

    private BlobKey(ulong a, ulong b, ulong c, ulong d) => (_a, _b, _c, _d) = (a, b, c, d);

    /// <summary>Reads the first 32 bytes of <paramref name="source"/>.</summary>
    public static BlobKey Read(ReadOnlySpan<byte> source)
    {
        Hex32.Read(source, out ulong a, out ulong b, out ulong c, out ulong d, "blob key");
        return new BlobKey(a, b, c, d);
    }

    /// <summary>Writes the 32 bytes into the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination) => Hex32.Write(destination, _a, _b, _c, _d, "blob key");

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Lowercase hex, 64 characters (for wire DTOs; never log it).</summary>
    public override string ToString() => Hex32.ToHex(_a, _b, _c, _d);

    /// <summary>Parses 64 hex digits (either case); throws <see cref="FormatException"/> otherwise.</summary>
    public static BlobKey Parse(string hex) =>
        TryParse(hex, out var key) ? key : throw Hex32.ParseError(hex, "blob key");

    public static bool TryParse(string? hex, out BlobKey key)
    {
        Span<byte> bytes = stackalloc byte[Length];
        if (!Hex32.TryParse(hex, bytes))
        {
            key = default;
            return false;
        }

        key = Read(bytes);
        return true;
    }

    public bool Equals(BlobKey other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is BlobKey other && Equals(other);

    public override int GetHashCode() => (int)_a ^ (int)(_a >> 32);

    public static bool operator ==(BlobKey left, BlobKey right) => left.Equals(right);

    public static bool operator !=(BlobKey left, BlobKey right) => !left.Equals(right);
}
