namespace CoStor.Core.Blobs;

/// <summary>
/// SHA-256 of a blob's bytes (docs/design.md, "Blobs"). Anyone can check a blob against its id without keys.
/// Ordering is lexicographic over the bytes, which matches ordering of the lowercase hex strings.
/// </summary>
public readonly struct BlobId : IEquatable<BlobId>, IComparable<BlobId>
{
    public const int Length = Hex32.Length;

    private readonly ulong _a, _b, _c, _d;

    private BlobId(ulong a, ulong b, ulong c, ulong d) => (_a, _b, _c, _d) = (a, b, c, d);

    /// <summary>The id of <paramref name="blob"/>: SHA-256 of its bytes.</summary>
    public static BlobId Compute(ReadOnlySpan<byte> blob)
    {
        Span<byte> hash = stackalloc byte[Length];
        BlobCrypto.Sha256(blob, hash);
        return Read(hash);
    }

    /// <summary>Reads the first 32 bytes of <paramref name="source"/>.</summary>
    public static BlobId Read(ReadOnlySpan<byte> source)
    {
        Hex32.Read(source, out ulong a, out ulong b, out ulong c, out ulong d, "blob id");
        return new BlobId(a, b, c, d);
    }

    /// <summary>Writes the 32 bytes into the start of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination) => Hex32.Write(destination, _a, _b, _c, _d, "blob id");

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Lowercase hex, 64 characters.</summary>
    public override string ToString() => Hex32.ToHex(_a, _b, _c, _d);

    /// <summary>Parses 64 hex digits (either case); throws <see cref="FormatException"/> otherwise.</summary>
    public static BlobId Parse(string hex) =>
        TryParse(hex, out var id) ? id : throw Hex32.ParseError(hex, "blob id");

    public static bool TryParse(string? hex, out BlobId id)
    {
        Span<byte> bytes = stackalloc byte[Length];
        if (!Hex32.TryParse(hex, bytes))
        {
            id = default;
            return false;
        }

        id = Read(bytes);
        return true;
    }

    public bool Equals(BlobId other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is BlobId other && Equals(other);

    // The id is already a uniform hash; one word is enough.
    public override int GetHashCode() => (int)_a ^ (int)(_a >> 32);

    public int CompareTo(BlobId other)
    {
        int c = _a.CompareTo(other._a);
        if (c != 0) return c;
        c = _b.CompareTo(other._b);
        if (c != 0) return c;
        c = _c.CompareTo(other._c);
        return c != 0 ? c : _d.CompareTo(other._d);
    }

    public static bool operator ==(BlobId left, BlobId right) => left.Equals(right);

    public static bool operator !=(BlobId left, BlobId right) => !left.Equals(right);

    public static bool operator <(BlobId left, BlobId right) => left.CompareTo(right) < 0;

    public static bool operator >(BlobId left, BlobId right) => left.CompareTo(right) > 0;

    public static bool operator <=(BlobId left, BlobId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(BlobId left, BlobId right) => left.CompareTo(right) >= 0;
}
