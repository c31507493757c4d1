using CoStor.Appliance.Catalogue;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// Turns an opened checkpoint back into a catalogue: a new database created through the normal migrations, holding the
/// checkpoint's rows, so the appliance's readers (SnapshotStore with the site's CatalogueSecrets, SnapshotBrowser,
/// PackFiles over a data directory whose <c>packs/</c> holds the same packs) work on it unchanged.
/// </summary>
public static class CheckpointMaterialiser
{
    /// <summary>
    /// Writes <paramref name="content"/> into a new catalogue at <paramref name="catalogueFile"/>. Refuses an existing file
    /// (a catalogue is never overwritten); removes what it created when it fails, so a retry starts clean.
    /// </summary>
    public static CatalogueDatabase Write(CheckpointContent content, string catalogueFile)
    {
        var path = Path.GetFullPath(catalogueFile);
        if (File.Exists(path) || File.Exists(path + "-wal"))
            throw new CheckpointException($"{path} exists; a checkpoint is materialised only into a new catalogue");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var database = CatalogueDatabase.Open(path);
            CheckpointTables.Insert(database, content);
            return database;
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
            throw;
        }
    }
}
