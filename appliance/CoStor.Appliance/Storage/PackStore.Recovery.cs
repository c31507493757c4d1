using CoStor.Appliance.Catalogue;
using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Appliance.Storage;

public sealed partial class PackStore
{
    /// <summary>
    /// Brings the pack files and the catalogue back into agreement after a restart or crash: finishes interrupted
    /// seals, resumes open packs from what their files hold, and moves stray files to quarantine. It never deletes
    /// a byte that was acknowledged, and no pack stops the appliance from starting: one it cannot resume is set
    /// aside with a critical log line, its intact blobs still readable.
    /// </summary>
    private void Recover()
    {
        using var connection = _database.Connect();
        var known = new HashSet<string>();
        foreach (var row in PackTable.NotSealed(connection))
        {
            var openPath = _data.OpenPackPath(row.Id);
            known.Add(Path.GetFileName(openPath));
            try
            {
                if (row.State == PackState.Sealing)
                    FinishSeal(connection, row, openPath);
                else
                    ResumeOpen(connection, row, openPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CorruptPackException or ArgumentException)
            {
                Log.RecoveryFailed(_logger, row.Id, e.Message);
            }
        }
        foreach (var stray in Directory.EnumerateFiles(_data.OpenPacksPath).Where(f => !known.Contains(Path.GetFileName(f))))
        {
            File.Move(stray, Path.Combine(_data.QuarantinePath, Path.GetFileName(stray) + "." + _time.GetUtcNow().ToUnixTimeSeconds()), overwrite: false);
            Log.Quarantined(_logger, stray);
        }
    }

    /// <summary>A crash between the seal's row update and its rename: the rename is done now, if the file is there.</summary>
    private void FinishSeal(Microsoft.Data.Sqlite.SqliteConnection connection, PackRow row, string openPath)
    {
        if (File.Exists(openPath))
            MoveIntoPlace(openPath, row.Name!);
        else if (!File.Exists(Sealed.PathOf(row.Name!)))
        {
            Log.SealingPackMissing(_logger, row.Name!, row.Id);
            return;
        }
        PackTable.MarkSealed(connection, row.Id, _time.GetUtcNow());
    }

    /// <summary>
    /// Resumes an open pack from its file. The frames are the truth: every frame that lies within the length
    /// acknowledged at the last commit (the row's size) is kept — indexed or not: a blob two agents uploaded at
    /// once sits in both their packs and is indexed in the first — and indexed where the index lacks it; what
    /// follows was never acknowledged and is cut. A pack whose valid frames end before that length is set aside.
    /// </summary>
    private void ResumeOpen(Microsoft.Data.Sqlite.SqliteConnection connection, PackRow row, string openPath)
    {
        var indexed = PackTable.Blobs(connection, row.Id);
        if (!File.Exists(openPath))
        {
            if (indexed.Count == 0)
                PackTable.Delete(connection, row.Id);
            else
                Log.OpenPackMissing(_logger, row.Id, indexed.Count);
            return;
        }
        var committed = Math.Max(row.Size, indexed.Count == 0 ? 0 : indexed[^1].Offset + indexed[^1].Length);
        OpenPackScan scan;
        try
        {
            using var stream = File.OpenRead(openPath);
            scan = PackReader.ScanOpen(stream);
        }
        catch (CorruptPackException)
        {
            scan = new OpenPackScan([], 0);
        }
        var kept = scan.Entries.TakeWhile(e => e.Offset + e.Length <= committed).ToList();
        var keptEnd = kept.Count == 0 ? PackFormat.HeaderLength : kept[^1].Offset + kept[^1].Length;
        if (kept.Count == 0 && committed <= PackFormat.HeaderLength)
        {
            // Nothing was ever acknowledged in it (perhaps not even its header reached the disk): start afresh.
            File.Delete(openPath);
            PackTable.Delete(connection, row.Id);
            return;
        }
        Files.Remember(row.Id, openPath);
        if (committed > PackFormat.HeaderLength && keptEnd < committed)
        {
            Log.OpenPackDamaged(_logger, row.Id, keptEnd, committed);
            return;
        }
        var indexedOffsets = indexed.Select(i => i.Offset).ToHashSet();
        var unindexed = kept.Count(e => !indexedOffsets.Contains(e.Offset));
        if (unindexed > 0)
        {
            using var transaction = connection.BeginTransaction();
            BlobIndex.Insert(connection, transaction, row.Id, kept);
            transaction.Commit();
            Log.UnindexedFrames(_logger, row.Id, unindexed);
        }
        _idle.Add(OpenPack.Resume(row.Id, openPath, kept));
    }
}
