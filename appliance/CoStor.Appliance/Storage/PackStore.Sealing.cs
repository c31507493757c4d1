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
        Files.Remember(pack.Id, Sealed.PathOf(name));
        Log.PackSealed(_logger, name, count, size);
    }

    private void MoveIntoPlace(string openPath, string name) => Sealed.Adopt(name, openPath);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "sealed pack {Name} ({Count} blobs, {Size} bytes)")]
        public static partial void PackSealed(ILogger logger, string name, int count, long size);

        [LoggerMessage(2, LogLevel.Critical, "open pack {PackId} is missing but indexes {Count} blobs")]
        public static partial void OpenPackMissing(ILogger logger, long packId, int count);

        [LoggerMessage(3, LogLevel.Critical, "open pack {PackId} is damaged: its valid frames end at byte {ValidLength} but {CommittedLength} bytes were acknowledged; it is set aside (not appended to) and its intact blobs stay readable")]
        public static partial void OpenPackDamaged(ILogger logger, long packId, long validLength, long committedLength);

        [LoggerMessage(5, LogLevel.Critical, "pack {Name} (row {PackId}) was being sealed but neither its open nor its sealed file exists; its row stays 'sealing'")]
        public static partial void SealingPackMissing(ILogger logger, string name, long packId);

        [LoggerMessage(7, LogLevel.Critical, "pack {PackId} could not be recovered and is set aside (not appended to): {Message}")]
        public static partial void RecoveryFailed(ILogger logger, long packId, string message);

        [LoggerMessage(6, LogLevel.Warning, "open pack {PackId}: indexed {Indexed} frames the index did not name (duplicates of blobs stored elsewhere are left to their first copy)")]
        public static partial void UnindexedFrames(ILogger logger, long packId, int indexed);

        [LoggerMessage(4, LogLevel.Warning, "moved unindexed file {Path} to quarantine")]
        public static partial void Quarantined(ILogger logger, string path);
    }
}
