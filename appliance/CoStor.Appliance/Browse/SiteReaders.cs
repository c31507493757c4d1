using CoStor.Appliance.Archive;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Browse;

/// <summary>
/// The snapshot readers for a process beside <c>serve</c> (a CLI verb, a test): they need the site's keyring (the
/// catalogue's sealed root keys open with it), the catalogue (SQLite in WAL mode: readers never block the serving
/// writer, and an audit row waits its turn through the busy timeout) and the packs, opened read-only through
/// <see cref="PackFiles"/>. No <see cref="PackStore"/> is made — its start-up recovery would cut back the open packs
/// a serving appliance is writing — and no lock is taken, so it works whether or not <c>serve</c> runs.
/// </summary>
public sealed record SiteReaders(SnapshotBrowser Browser, RestoreArchive Archive)
{
    public static SiteReaders Open(DataDirectory data, TimeProvider time)
    {
        if (!data.SiteExists)
            throw new Errors.ApplianceException($"no site in {data.Root}: run 'costor-appliance init --data {data.Root}' first");
        var keys = SiteKeys.Open(data);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        var audit = new AuditLog(database, time);
        var packs = new PackFiles(data, database);
        var browser = new SnapshotBrowser(new SnapshotStore(database, new CatalogueSecrets(keys.Keyring.CatalogueKey)), database, packs, audit);
        return new SiteReaders(browser, new RestoreArchive(browser, database, packs, audit));
    }
}
