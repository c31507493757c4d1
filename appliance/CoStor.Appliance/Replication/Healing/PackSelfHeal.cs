using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Replication.Healing;

/// <summary>
/// Local self-heal (docs/replication.md): a sealed pack of this site that a read found missing or damaged is moved to
/// <c>quarantine/</c> (never deleted), fetched from a peer that holds it (verified by name), logged as a warning and
/// audited as <c>pack.repaired</c>. Hooked into reads through <see cref="PackFiles.Repair"/>; the reader retries once.
/// Reads are synchronous (an archive runs on its own thread), so the fetch is waited for here, bounded by
/// <see cref="Deadline"/>. One repair at a time: two readers tripping over the same pack fetch it once.
/// </summary>
public sealed partial class PackSelfHeal(IPeerPackFetcher fetcher, CatalogueDatabase database, SiteContext site, AuditLog audit,
    TimeProvider time, ILogger<PackSelfHeal> logger) : IPackRepair
{
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);
    private readonly Lock _turn = new();

    public bool TryRepair(long packId, string problem)
    {
        string name;
        using (var connection = database.Connect())
        {
            if (PackTable.Find(connection, packId) is not { State: PackState.Sealed, Name: { } sealedName })
                return false;
            name = sealedName;
        }
        lock (_turn)
        {
            var path = LocalPackDirectory.PathIn(site.Data.PacksPath, name);
            if (File.Exists(path) && !StillDamaged(path, name))
                return true; // another reader repaired it meanwhile
            Quarantine(path, name);
            using var deadline = new CancellationTokenSource(Deadline);
            var fetched = fetcher.FetchAsync(site.Keys.SiteName, name, deadline.Token).GetAwaiter().GetResult();
            if (fetched is null)
            {
                Log.NotRepaired(logger, name, problem);
                audit.Record(new AuditEvent("replication", "pack.repaired", name, "no peer could give it back: " + problem, Outcome: AuditOutcome.Failed));
                return false;
            }
            Log.Repaired(logger, name, problem);
            audit.Record(new AuditEvent("replication", "pack.repaired", name, problem));
            return true;
        }
    }

    private static bool StillDamaged(string path, string name)
    {
        try
        {
            using var file = File.OpenRead(path);
            PackVerifier.Verify(file, CoStor.Core.Blobs.BlobId.Parse(name));
            return false;
        }
        catch (Exception e) when (e is CoStor.Core.Errors.CorruptPackException or EndOfStreamException or IOException)
        {
            return true;
        }
    }

    /// <summary>Moves the damaged file to <c>quarantine/NAME.pack.UNIXMS</c>; a missing file leaves nothing to move.</summary>
    private void Quarantine(string path, string name)
    {
        if (!File.Exists(path))
            return;
        Directory.CreateDirectory(site.Data.QuarantinePath);
        var target = Path.Combine(site.Data.QuarantinePath, $"{name}.pack.{time.GetUtcNow().ToUnixTimeMilliseconds()}");
        File.Move(path, target);
        Site.DurableFile.SyncDirectory(Path.GetDirectoryName(path)!);
        Site.DurableFile.SyncDirectory(site.Data.QuarantinePath);
        Log.Quarantined(logger, name, target);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "sealed pack {Pack} was damaged ({Problem}); fetched a verified copy from a peer")]
        public static partial void Repaired(ILogger logger, string pack, string problem);

        [LoggerMessage(2, LogLevel.Error, "sealed pack {Pack} is damaged ({Problem}) and no peer could give it back")]
        public static partial void NotRepaired(ILogger logger, string pack, string problem);

        [LoggerMessage(3, LogLevel.Warning, "moved damaged pack {Pack} to {Path}")]
        public static partial void Quarantined(ILogger logger, string pack, string path);
    }
}
