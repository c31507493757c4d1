using System.Collections.Concurrent;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using CoStor.Core.Errors;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Appliance.Storage;

/// <summary>
/// Opens pack files for reading by their catalogue row id, open or sealed. It never creates, moves or deletes a
/// file, so any process may use it beside a serving appliance — a CLI verb reading snapshots included — while
/// <see cref="PackStore"/> (whose start-up recovery cuts open packs back) belongs to <c>serve</c> alone.
/// A peer site's packs (<see cref="ForPeer"/>) are opened by name instead, sealed only.
/// </summary>
public sealed class PackFiles
{
    private readonly ConcurrentDictionary<long, string> _paths = new();
    private readonly DataDirectory? _data;
    private readonly CatalogueDatabase _database;
    private readonly Func<string, SafeFileHandle?>? _openByName;

    public PackFiles(DataDirectory data, CatalogueDatabase database) => (_data, _database) = (data, database);

    private PackFiles(CatalogueDatabase database, Func<string, SafeFileHandle?> openByName) => (_database, _openByName) = (database, openByName);

    /// <summary>
    /// The packs of a peer site as its materialised catalogue (<paramref name="view"/>) names them: each is opened by
    /// <paramref name="openByName"/> (a held pack, or one fetched and verified now), and one it cannot give (null) is
    /// a <see cref="MissingBlobException"/> — damaged storage, as a missing local pack is.
    /// </summary>
    public static PackFiles ForPeer(CatalogueDatabase view, Func<string, SafeFileHandle?> openByName) => new(view, openByName);

    /// <summary>Set once at start when replication can fetch packs back from peers; <see cref="LocalBlobReader"/> then heals what it cannot read.</summary>
    public IPackRepair? Repair { get; set; }

    /// <summary>
    /// Opens a pack for reading. The handle stays valid when the pack is sealed meanwhile (sealing only renames),
    /// so a reader may keep it for many blobs of the same pack.
    /// </summary>
    public SafeFileHandle OpenForReading(long packId)
    {
        if (_openByName is not null)
        {
            var name = PathOf(packId);
            return _openByName(name) ?? throw new MissingBlobException($"pack {name} is not held on this appliance and no peer supplied it");
        }
        var data = _data!;
        var database = _database;
        try
        {
            return OpenRead(PathOf(packId));
        }
        catch (FileNotFoundException)
        {
            // Sealed (renamed) since the path was cached. The row may still say 'sealing' (the rename comes
            // between the two row updates), so where it was named to is tried first, then where it was.
            _paths.TryRemove(packId, out _);
            using (var connection = database.Connect())
            {
                if (PackTable.Find(connection, packId) is { Name: { } name })
                {
                    try
                    {
                        return OpenRead(LocalPackDirectory.PathIn(data.PacksPath, name));
                    }
                    catch (FileNotFoundException)
                    {
                        // Not renamed yet after all: it is still where open packs live.
                    }
                }
            }
            return OpenRead(data.OpenPackPath(packId));
        }
    }

    /// <summary>Records where a pack is now (the pack store calls this as it creates, recovers and seals packs).</summary>
    internal void Remember(long packId, string path) => _paths[packId] = path;

    private static SafeFileHandle OpenRead(string path) => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);

    /// <summary>Where the pack is (for a peer's packs: its name).</summary>
    private string PathOf(long packId) => _paths.GetOrAdd(packId, id =>
    {
        using var connection = _database.Connect();
        var row = PackTable.Find(connection, id) ?? throw new CorruptPackException($"pack {id} is not in the catalogue");
        if (_data is null)
            return row is { State: PackState.Sealed, Name: { } name } ? name : throw new CorruptPackException($"pack {id} of a peer site is not sealed");
        return row.State == PackState.Sealed ? LocalPackDirectory.PathIn(_data.PacksPath, row.Name!) : _data.OpenPackPath(id);
    });
}
