using System.Collections.Concurrent;
using System.Threading.Channels;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Appliance.Storage;

/// <summary>
/// Owns the pack files. Uploads rent an <see cref="OpenPack"/> each, so concurrent agents never wait on one
/// another's network streams; a pack that reaches the target size is queued when it is returned and sealed by
/// <see cref="SealFullPacksAsync"/> (a hosted service), so no reply waits for a seal — nor tells by its time
/// that its blobs were new.
/// Contract: a blob is readable at its indexed location from the moment its index row is committed, through
/// sealing, forever (packs are immutable once sealed; sealing only renames).
/// </summary>
public sealed partial class PackStore : IDisposable
{
    private readonly DataDirectory _data;
    private readonly CatalogueDatabase _database;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentBag<OpenPack> _idle = [];
    private readonly SemaphoreSlim _writers;
    // Commits rent from a few slots of their own: uploads holding every writer slot must not stall a commit.
    private readonly SemaphoreSlim _committers = new(CommitSlots, CommitSlots);
    private const int CommitSlots = 4;
    private readonly Channel<OpenPack> _full = Channel.CreateUnbounded<OpenPack>(new UnboundedChannelOptions { SingleReader = true });

    public PackStore(DataDirectory data, CatalogueDatabase database, TimeProvider time, ILogger<PackStore> logger, int maxOpenPacks = 32)
    {
        _data = data;
        _database = database;
        _time = time;
        _logger = logger;
        _writers = new SemaphoreSlim(maxOpenPacks, maxOpenPacks);
        data.EnsureLayout();
        Sealed = new LocalPackDirectory(data.PacksPath);
        Files = new PackFiles(data, database);
        Recover();
    }

    /// <summary>Read access to every pack, open or sealed, by row id.</summary>
    public PackFiles Files { get; }

    /// <summary>This site's sealed packs (what peers pull, and what a rebuild reads).</summary>
    public LocalPackDirectory Sealed { get; }

    /// <summary>
    /// Takes an open pack for the caller's exclusive use; waits while all slots of its kind are busy (uploads
    /// share <c>max_upload_concurrency</c> slots, commits have a few of their own).
    /// </summary>
    public async Task<OpenPack> RentAsync(CancellationToken cancellationToken, bool forCommit = false)
    {
        var slots = forCommit ? _committers : _writers;
        await slots.WaitAsync(cancellationToken);
        if (_idle.TryTake(out var pack))
        {
            pack.RentedFrom = slots;
            return pack;
        }
        try
        {
            using var connection = _database.Connect();
            var id = PackTable.CreateOpen(connection, _time.GetUtcNow());
            var path = _data.OpenPackPath(id);
            pack = OpenPack.Create(id, path);
            DurableFile.SyncDirectory(_data.OpenPacksPath);
            Files.Remember(id, path);
            pack.RentedFrom = slots;
            return pack;
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    /// <summary>Gives a pack back after its last upload committed or rolled back.</summary>
    public void Return(OpenPack pack)
    {
        try
        {
            pack.Rollback();
            pack.ReturnedAt = _time.GetUtcNow();
            if (pack.Length >= PackFormat.TargetPackSize)
                _full.Writer.TryWrite(pack);
            else
                _idle.Add(pack);
        }
        finally
        {
            var slots = pack.RentedFrom;
            pack.RentedFrom = null;
            slots?.Release();
        }
    }

    /// <summary>Reads a blob's bytes into <paramref name="destination"/> (exactly <c>location.Length</c> bytes).</summary>
    public void Read(in BlobLocation location, Span<byte> destination)
    {
        using var handle = OpenForReading(location.PackId);
        ReadAt(handle, location, destination);
    }

    /// <summary>Opens a pack for reading, open or sealed (<see cref="PackFiles.OpenForReading"/>).</summary>
    public SafeFileHandle OpenForReading(long packId) => Files.OpenForReading(packId);

    public static void ReadAt(SafeFileHandle pack, in BlobLocation location, Span<byte> destination) =>
        ReadPartAt(pack, location, 0, destination[..location.Length]);

    /// <summary>Reads exactly <c>destination.Length</c> bytes of a blob, starting <paramref name="blobOffset"/> bytes into it.</summary>
    public static void ReadPartAt(SafeFileHandle pack, in BlobLocation location, int blobOffset, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blobOffset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((long)blobOffset + destination.Length, location.Length);
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(pack, destination[total..], location.Offset + blobOffset + total);
            if (read == 0)
                throw new CorruptPackException($"pack {location.PackId} ends inside a blob at offset {location.Offset}");
            total += read;
        }
    }

    /// <summary>Seals full packs as they are returned, until <paramref name="cancellationToken"/> ends the wait.</summary>
    public async Task SealFullPacksAsync(CancellationToken cancellationToken)
    {
        while (await _full.Reader.WaitToReadAsync(cancellationToken))
            SealQueued();
    }

    /// <summary>Seals the full packs queued so far.</summary>
    public void SealQueued()
    {
        while (_full.Reader.TryRead(out var pack))
            Seal(pack);
    }

    /// <summary>Seals the queued full packs and every idle open pack that holds blobs (at shutdown).</summary>
    public void SealIdle()
    {
        SealQueued();
        while (_idle.TryTake(out var pack))
        {
            if (pack.Entries.Count > 0)
                Seal(pack);
            else
                _idle.Add(pack);
            if (_idle.All(p => p.Entries.Count == 0))
                break;
        }
    }

    /// <summary>
    /// Seals every idle open pack that holds blobs and was last given back at least <paramref name="age"/> ago (so the
    /// end of a backup is sealed, and replicates, without waiting for its pack to fill); returns how many. Packs in
    /// use are not idle and are not touched.
    /// </summary>
    public int SealIdleFor(TimeSpan age)
    {
        var now = _time.GetUtcNow();
        var keep = new List<OpenPack>();
        var sealedCount = 0;
        while (_idle.TryTake(out var pack))
        {
            if (pack.Entries.Count > 0 && now - pack.ReturnedAt >= age)
            {
                Seal(pack);
                sealedCount++;
            }
            else
            {
                keep.Add(pack);
            }
        }
        foreach (var pack in keep)
            _idle.Add(pack);
        return sealedCount;
    }

    /// <summary>Seals the full packs still queued (bounded work: each is complete but for its index), then closes the rest.</summary>
    public void Dispose()
    {
        SealQueued();
        while (_idle.TryTake(out var pack))
            pack.Dispose();
        _writers.Dispose();
        _committers.Dispose();
    }
}
