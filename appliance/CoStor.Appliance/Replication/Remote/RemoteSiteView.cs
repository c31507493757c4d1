using CoStor.Appliance.Archive;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Storage;
using CoStor.Core.Keys;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Appliance.Replication.Remote;

/// <summary>
/// An unlocked peer site's readers: the appliance's own <see cref="SnapshotBrowser"/> and <see cref="RestoreArchive"/>
/// over the materialised view (read-only) and the packs held in <c>peers/NAME/packs/</c>, the root keys opened with
/// the site's keyring. A pack not held is asked of the <see cref="IPeerPackFetcher"/>; when it gives none, reading it
/// throws <see cref="Core.Errors.MissingBlobException"/> (an archive is then cut short). Browsing, downloads and
/// archives are audited in this appliance's log, their targets prefixed with the site ("north:ID").
/// </summary>
public sealed class RemoteSiteView
{
    private RemoteSiteView(string site, CatalogueDatabase view, SnapshotBrowser browser, RestoreArchive archive, AgentStore agents, SnapshotStore snapshots)
    {
        (Site, View, Browser, Archive, Agents, Snapshots) = (site, view, browser, archive, agents, snapshots);
    }

    public string Site { get; }
    public CatalogueDatabase View { get; }
    public SnapshotBrowser Browser { get; }
    public RestoreArchive Archive { get; }

    /// <summary>The site's PCs as its checkpoint holds them (read only: nothing here changes them).</summary>
    public AgentStore Agents { get; }
    public SnapshotStore Snapshots { get; }

    /// <summary>Readers over <paramref name="viewPath"/>, the view already materialised for <paramref name="files"/>' site.</summary>
    public static RemoteSiteView Open(PeerSiteFiles files, string viewPath, SiteKeyring keyring, AuditLog audit, IPeerPackFetcher fetcher, TimeProvider time)
    {
        var view = CatalogueDatabase.OpenView(viewPath);
        var held = new PeerPackStore(files.Root);
        var packs = PackFiles.ForPeer(view, name => held.OpenRead(name) ?? Fetch(fetcher, files.Site, name));
        var snapshots = new SnapshotStore(view, new CatalogueSecrets(keyring.CatalogueKey));
        var browser = new SnapshotBrowser(snapshots, view, packs, audit, files.Site);
        return new RemoteSiteView(files.Site, view, browser, new RestoreArchive(browser, view, packs, audit), new AgentStore(view, audit, time), snapshots);
    }

    /// <summary>
    /// Readers call this synchronously (an archive builds on a worker thread); the fetcher's own timeouts bound it.
    /// The path it returns is opened read-only.
    /// </summary>
    private static SafeFileHandle? Fetch(IPeerPackFetcher fetcher, string site, string name)
    {
        var path = fetcher.FetchAsync(site, name, CancellationToken.None).GetAwaiter().GetResult();
        return path is null ? null : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
    }
}
