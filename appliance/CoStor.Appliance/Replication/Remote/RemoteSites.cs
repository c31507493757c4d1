using System.Collections.Concurrent;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Errors;
using CoStor.Appliance.Site;
using CoStor.Core.Keys;

namespace CoStor.Appliance.Replication.Remote;

/// <summary>
/// Remote restore in the web UI (docs/replication.md, "Remote restore and rebuild"): an admin unlocks a peer site
/// held here with its recovery key; its keyring then stays in this process's memory only, until <see cref="Lock"/>
/// or a restart, and <see cref="Readers"/> gives the browser and archive over the site's materialised view
/// (<see cref="PeerSiteFiles.ViewCatalogue"/>), which lives exactly as long: deleted on lock, and views a previous
/// process left are deleted when this one is created. Every unlock and lock is audited (who, from where, how it
/// ended); a refused unlock changes nothing on disk.
/// </summary>
public sealed class RemoteSites
{
    private readonly ConcurrentDictionary<string, RemoteSiteView> _unlocked = new(StringComparer.Ordinal);
    private readonly System.Threading.Lock _changing = new();
    private readonly DataDirectory data;
    private readonly AuditLog audit;
    private readonly IPeerPackFetcher fetcher;
    private readonly TimeProvider time;

    public RemoteSites(DataDirectory data, AuditLog audit, IPeerPackFetcher fetcher, TimeProvider time)
    {
        (this.data, this.audit, this.fetcher, this.time) = (data, audit, fetcher, time);
        foreach (var site in PeerSiteFiles.Sites(data))
            RemoteUnlock.DeleteView(new PeerSiteFiles(data, site).ViewCatalogue); // the unlocks that made them ended with that process
    }

    /// <summary>
    /// Unlocks <paramref name="site"/>: opens its keyring with <paramref name="key"/>, verifies and opens its checkpoint
    /// and materialises the view (replacing a previous one). Returns null when done, else why not (also audited).
    /// </summary>
    public string? Unlock(string site, RecoveryKey key, string actor, string? address)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Files(site) is not { } files)
            return Refuse(site, actor, address, $"'{site}' is not a site name");
        lock (_changing)
        {
            try
            {
                var keyring = RemoteUnlock.OpenKeyring(files, key);
                var snapshots = RemoteUnlock.Materialise(files, keyring, files.ViewCatalogue);
                _unlocked[site] = RemoteSiteView.Open(files, files.ViewCatalogue, keyring, audit, fetcher, time);
                audit.Record(new AuditEvent(actor, "site.unlock", site, $"{snapshots} snapshots", address));
                return null;
            }
            catch (Exception e) when (e is ApplianceException or IOException or UnauthorizedAccessException)
            {
                return Refuse(site, actor, address, e.Message);
            }
        }
    }

    /// <summary>As <see cref="Unlock(string, RecoveryKey, string, string?)"/> with the key as a person typed it; a malformed key is refused (and audited) too.</summary>
    public string? Unlock(string site, string keyText, string actor, string? address)
    {
        RecoveryKey key;
        try
        {
            key = RecoveryKey.Parse(keyText.Length > 200 ? keyText[..200] : keyText);
        }
        catch (FormatException e)
        {
            return Refuse(site, actor, address, $"that is not a recovery key: {e.Message}");
        }
        return Unlock(site, key, actor, address);
    }

    /// <summary>
    /// Forgets the site's keyring and deletes its view; browsing it is refused from now on (a download already
    /// streaming finishes). False when it was not unlocked.
    /// </summary>
    public bool Lock(string site, string actor, string? address)
    {
        bool was;
        lock (_changing)
        {
            was = _unlocked.TryRemove(site, out _);
            if (was)
                RemoteUnlock.DeleteView(new PeerSiteFiles(data, site).ViewCatalogue);
        }
        audit.Record(new AuditEvent(actor, "site.lock", site, was ? null : "was not unlocked", address));
        return was;
    }

    public bool IsUnlocked(string site) => _unlocked.ContainsKey(site);

    /// <summary>The readers of an unlocked site, or null (not unlocked, or not a site).</summary>
    public RemoteSiteView? Readers(string site) => _unlocked.TryGetValue(site, out var view) ? view : null;

    /// <summary>Every peer site held here, locked or not, by name.</summary>
    public IReadOnlyList<RemoteSiteSummary> List() =>
    [
        .. PeerSiteFiles.Sites(data).Select(name => Readers(name) is { } view
            ? new RemoteSiteSummary(name, true, view.Snapshots.List(null).Count, true)
            : new RemoteSiteSummary(name, false, null, File.Exists(new PeerSiteFiles(data, name).Checkpoint))),
    ];

    private PeerSiteFiles? Files(string site)
    {
        try
        {
            return new PeerSiteFiles(data, site);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private string Refuse(string site, string actor, string? address, string why)
    {
        audit.Record(new AuditEvent(actor, "site.unlock", site.Length > 64 ? site[..64] : site, why, address, AuditOutcome.Failed));
        return why;
    }
}
