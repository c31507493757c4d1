using CoStor.Appliance.Site;

namespace CoStor.Appliance.Replication.Remote;

/// <summary>
/// What this box keeps of peer site <see cref="Site"/> below <c>peers/NAME/</c> (docs/replication.md, "On disk"), and
/// what remote restore adds: the checkpoint materialised as a read-only catalogue, one for the web UI's unlock
/// (<c>view/catalogue.db</c>, removed on lock and at start, since the unlock lives in memory only) and one for the
/// CLI's (<c>view/cli.db</c>, kept with <c>keyring.unlocked</c>, the site's keyring sealed with this machine's key,
/// until <c>site lock</c>): two files, so that either unlock can end without pulling the other's view away.
/// </summary>
public sealed class PeerSiteFiles
{
    /// <summary>Throws <see cref="ArgumentException"/> for a name that is not a valid site name (it never becomes a path).</summary>
    public PeerSiteFiles(DataDirectory data, string site)
    {
        Root = data.PeerPath(site);
        Site = site;
    }

    public string Site { get; }
    public string Root { get; }
    public string CaCertificate => Path.Combine(Root, "ca.crt");
    public string RecoveryKeyring => Path.Combine(Root, "keyring.recovery");
    public string Checkpoint => Path.Combine(Root, "checkpoint");
    public string ViewDirectory => Path.Combine(Root, "view");
    /// <summary>The web UI unlock's view.</summary>
    public string ViewCatalogue => Path.Combine(ViewDirectory, "catalogue.db");

    /// <summary>The CLI unlock's view (<c>site unlock</c> … <c>site lock</c>).</summary>
    public string CliViewCatalogue => Path.Combine(ViewDirectory, "cli.db");
    public string UnlockedKeyring => Path.Combine(Root, "keyring.unlocked");

    /// <summary>Whether anything of this site is held here (its CA certificate or a checkpoint).</summary>
    public bool Known => File.Exists(CaCertificate) || File.Exists(Checkpoint);

    /// <summary>The peer sites held here (a folder with a CA certificate or a checkpoint), by name.</summary>
    public static IReadOnlyList<string> Sites(DataDirectory data)
    {
        if (!Directory.Exists(data.PeersPath))
            return [];
        var sites = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(data.PeersPath))
        {
            var name = Path.GetFileName(folder);
            try
            {
                if (new PeerSiteFiles(data, name).Known)
                    sites.Add(name);
            }
            catch (ArgumentException)
            {
                // Not a site name: nothing replication put there.
            }
        }
        sites.Sort(StringComparer.Ordinal);
        return sites;
    }
}
