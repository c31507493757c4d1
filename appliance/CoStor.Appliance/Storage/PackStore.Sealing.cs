using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using CoStor.Core.Packs;

namespace CoStor.Appliance.Storage;

public sealed partial class PackStore
{
    /// <summary>
    /// Seal order (each step durable before the next): index + trailer + fsync; catalogue row → 'sealing'
    /// with the pack's name; rename into packs/ and fsync both directories; row → 'sealed'. A crash at any
    /// point is finished by <see cref="Recover"/>.
    /// </summary>
    private void Seal(OpenPack pack)
    {
        if (pack.Entries.Count == 0)
        {
            pack.Dispose();
            File.Delete(pack.Path);
            using var empty = _database.Connect();
            PackTable.Delete(empty, pack.Id);
            return;
        }
        pack.Finish();
        var name = pack.Name.ToString();
        var size = pack.Length;
        var count = pack.Entries.Count;
        pack.Dispose();
        using var connection = _database.Connect();
        PackTable.MarkSealing(connection, pack.Id, name, size, count);
        MoveIntoPlace(pack.Path, name);
        PackTable.MarkSealed(connection, pack.Id, _time.GetUtcNow());
        _paths[pack.Id] = Sealed.PathOf(name);
        Log.PackSealed(_logger, name, count, size);
    }

    private void MoveIntoPlace(string openPath, string name) => Sealed.Adopt(name, openPath);

    /// <summary>
    /// Brings the pack files and the catalogue back into agreement after a restart or crash:
    /// finishes interrupted seals, cuts torn (never acknowledged) tails off open packs and resumes them, and
    /// moves stray files to quarantine. It never deletes a byte that an index row points at.
    /// </summary>
    private void Recover()
    {
        using var connection = _database.Connect();
        var known = new HashSet<string>();
        foreach (var row in PackTable.NotSealed(connection))
        {
            var openPath = _data.OpenPackPath(row.Id);
            known.Add(Path.GetFileName(openPath));
            if (row.State == PackState.Sealing)
            {
                if (File.Exists(openPath))
                    MoveIntoPlace(openPath, row.Name!);
                PackTable.MarkSealed(connection, row.Id, _time.GetUtcNow());
                continue;
            }
            var indexed = PackTable.Blobs(connection, row.Id);
            if (!File.Exists(openPath))
            {
                if (indexed.Count == 0)
                    PackTable.Delete(connection, row.Id);
                else
                    Log.OpenPackMissing(_logger, row.Id, indexed.Count);
                continue;
            }
            VerifyIndexedFrames(openPath, row.Id, indexed);
            var pack = OpenPack.Resume(row.Id, openPath, indexed);
            _paths[row.Id] = openPath;
            _idle.Add(pack);
        }
        foreach (var stray in Directory.EnumerateFiles(_data.OpenPacksPath).Where(f => !known.Contains(Path.GetFileName(f))))
        {
            File.Move(stray, Path.Combine(_data.QuarantinePath, Path.GetFileName(stray) + "." + _time.GetUtcNow().ToUnixTimeSeconds()), overwrite: false);
            Log.Quarantined(_logger, stray);
        }
    }

    private void VerifyIndexedFrames(string path, long packId, IReadOnlyList<PackIndexEntry> indexed)
    {
        using var stream = File.OpenRead(path);
        var scan = PackReader.ScanOpen(stream);
        var valid = scan.Entries.Select(e => e.Offset).ToHashSet();
        var damaged = indexed.Count(e => !valid.Contains(e.Offset));
        if (damaged > 0)
            Log.OpenPackDamaged(_logger, packId, damaged);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "sealed pack {Name} ({Count} blobs, {Size} bytes)")]
        public static partial void PackSealed(ILogger logger, string name, int count, long size);

        [LoggerMessage(2, LogLevel.Critical, "open pack {PackId} is missing but indexes {Count} blobs")]
        public static partial void OpenPackMissing(ILogger logger, long packId, int count);

        [LoggerMessage(3, LogLevel.Critical, "open pack {PackId}: {Count} indexed blobs fail verification")]
        public static partial void OpenPackDamaged(ILogger logger, long packId, int count);

        [LoggerMessage(4, LogLevel.Warning, "moved unindexed file {Path} to quarantine")]
        public static partial void Quarantined(ILogger logger, string path);
    }
}
