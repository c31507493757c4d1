using System.Buffers.Binary;
using System.Numerics;
using CoStor.Core.Blobs;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// A Bloom filter over every blob id in the index, so an upload asks SQLite "is this blob stored already?" only
/// when the answer may be yes. A new computer's first backup is almost all new blobs, and each used to cost an
/// index probe — on a large store a random read of a b-tree that no longer fits in memory.
/// Contract: <see cref="MayContain"/> never says no for an id in the index. Until the loading scan has finished it
/// says yes to everything. Uploads add their ids after the pack fsync and before the index commit, so ids indexed
/// while the scan runs are not missed, and the filter never says no to an id another upload could already find in
/// the index. Ids are only ever added: a blob removed from the index stays a false yes (a wasted probe, never a
/// wrong answer). Sized when the appliance starts for 1.5× the blobs it holds (at least 2^20), ~11–22 bits per
/// blob (false yes ≈ 0.1–1 %); a store that grows far beyond that gets more false yeses until the next start.
/// Thread-safe: bits are set with atomic ORs.
/// </summary>
public sealed class KnownBlobFilter
{
    private const int Probes = 7;
    private const long MinimumCapacity = 1 << 20;

    private readonly ulong[] _words;
    private readonly ulong _bitMask;
    private volatile bool _loaded;

    /// <summary>An empty filter for <paramref name="capacity"/> ids; <see cref="MarkLoaded"/> once it holds all of them.</summary>
    public KnownBlobFilter(long capacity)
    {
        // A power of two of at least 11 bits per id, so a position is a mask of the hash.
        var bits = BitOperations.RoundUpToPowerOf2((ulong)Math.Max(capacity, MinimumCapacity) * 11);
        _words = new ulong[bits / 64];
        _bitMask = bits - 1;
    }

    public bool IsLoaded => _loaded;

    /// <summary>Bytes of memory the filter holds.</summary>
    public long SizeInBytes => _words.LongLength * sizeof(ulong);

    /// <summary>
    /// A filter sized for the index as it is (1.5× its ids), not yet loaded: it answers "may be held" to
    /// everything until <see cref="KnownBlobFilterLoader"/> has added every indexed id. Create it after start-up
    /// recovery has indexed what it found in open packs.
    /// </summary>
    public static KnownBlobFilter SizedFor(CatalogueDatabase database)
    {
        long count;
        using (var connection = database.Connect())
        using (var command = connection.Command("SELECT count(*) FROM blobs"))
            count = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        return new KnownBlobFilter(count + count / 2);
    }

    /// <summary>Adds every id the index holds now (stops early, unloaded, when <paramref name="cancellationToken"/> fires).</summary>
    public void AddAll(CatalogueDatabase database, CancellationToken cancellationToken = default)
    {
        using var connection = database.Connect();
        using var command = connection.Command("SELECT id FROM blobs");
        using var reader = command.ExecuteReader();
        var id = new byte[BlobId.Length];
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            reader.GetBytes(0, 0, id, 0, id.Length);
            Add(BlobId.Read(id));
        }
    }

    /// <summary>Every id in the index has been added: from now on a "no" is certain.</summary>
    public void MarkLoaded() => _loaded = true;

    /// <summary>False only if <paramref name="id"/> is certainly not in the index.</summary>
    public bool MayContain(in BlobId id)
    {
        if (!_loaded)
            return true;
        var (h1, h2) = Hashes(id);
        for (var i = 0; i < Probes; i++)
        {
            var bit = Bit(h1, h2, i);
            if ((Volatile.Read(ref _words[bit >> 6]) & (1UL << (int)(bit & 63))) == 0)
                return false;
        }
        return true;
    }

    public void Add(in BlobId id)
    {
        var (h1, h2) = Hashes(id);
        for (var i = 0; i < Probes; i++)
        {
            var bit = Bit(h1, h2, i);
            Interlocked.Or(ref _words[bit >> 6], 1UL << (int)(bit & 63));
        }
    }

    /// <summary>The <paramref name="probe"/>-th bit position of an id (double hashing).</summary>
    private ulong Bit(ulong h1, ulong h2, int probe) => (h1 + (ulong)probe * h2) & _bitMask;

    /// <summary>
    /// Two independent 64-bit hashes for double hashing: a blob id is a SHA-256 output (uniform, and checked
    /// against the blob's bytes), so its first 16 bytes serve as they are.
    /// </summary>
    private static (ulong, ulong) Hashes(in BlobId id)
    {
        Span<byte> bytes = stackalloc byte[BlobId.Length];
        id.WriteTo(bytes);
        return (BinaryPrimitives.ReadUInt64LittleEndian(bytes), BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]) | 1);
    }
}
