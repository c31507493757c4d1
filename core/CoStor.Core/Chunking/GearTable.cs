using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CoStor.Core.Chunking;

/// <summary>
/// The 256 × 64-bit gear table: HKDF-SHA256-Expand(chunker seed, info "costor/v1/gear", 2048 bytes) read as
/// little-endian ulongs (docs/design.md, "Chunking"). Secret per site, so chunk sizes reveal nothing.
/// </summary>
public sealed class GearTable
{
    public const int Count = 256;

    private static readonly byte[] Info = Encoding.ASCII.GetBytes("costor/v1/gear");

    private readonly ulong[] _values;

    private GearTable(ulong[] values) => _values = values;

    /// <summary>The table as a span (256 entries).</summary>
    public ReadOnlySpan<ulong> Values => _values;

    internal ulong[] Array => _values;

    /// <summary>Builds the table from the site's 32-byte chunker seed (used as the HKDF PRK).</summary>
    public static GearTable FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length < 32)
        {
            throw new ArgumentException($"A chunker seed is at least 32 bytes; got {seed.Length}.", nameof(seed));
        }

        Span<byte> bytes = stackalloc byte[Count * sizeof(ulong)];
        HKDF.Expand(HashAlgorithmName.SHA256, seed, bytes, Info);
        var values = new ulong[Count];
        for (int i = 0; i < Count; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * 8)..]);
        }

        CryptographicOperations.ZeroMemory(bytes);
        return new GearTable(values);
    }
}
