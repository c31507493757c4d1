using System.CommandLine;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Healing;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tls;
using CoStor.Core.Keys;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoStor.Appliance.Cli;

/// <summary>
/// Peer sites held here, for scripted disaster-recovery drills (docs/replication.md, "Remote restore and rebuild"):
/// <c>site unlock NAME --recovery-key-file F</c> opens the site's keyring, verifies and materialises its checkpoint
/// and keeps the keyring sealed with this machine's key (<see cref="UnlockedKeyring"/>) for <c>archive --site NAME</c>;
/// <c>site lock NAME</c> deletes it and the CLI's view (<see cref="PeerSiteFiles.CliViewCatalogue"/>); <c>site list</c> prints each site held here with <c>locked</c> or <c>unlocked</c>.
/// They work beside a serving appliance: the main catalogue is only appended to (the audit log), files are written
/// only under <c>peers/NAME/</c>. Unlock and lock are audited by actor "cli".
/// </summary>
public static class SiteCommands
{
    public static Command Build(Func<ParseResult, ApplianceConfig> resolve, TimeProvider time)
    {
        var name = new Argument<string>("NAME") { Description = "the peer site's name (its folder under peers/)" };
        var keyFile = new Option<string>("--recovery-key-file") { Description = "file holding the site's recovery key (as 'init' printed it)", Required = true };
        var unlock = new Command("unlock", "Unlock a peer site held here with its recovery key, for 'archive --site'") { name, keyFile };
        unlock.SetAction(result => ApplianceCommands.Run(() => Unlock(resolve(result), time, result.GetValue(name)!, result.GetValue(keyFile)!)));

        var lockName = new Argument<string>("NAME") { Description = "the peer site's name" };
        var lockCommand = new Command("lock", "Forget a peer site's unlocked keyring") { lockName };
        lockCommand.SetAction(result => ApplianceCommands.Run(() => Lock(resolve(result), time, result.GetValue(lockName)!)));

        var list = new Command("list", "List the peer sites held here, locked or unlocked");
        list.SetAction(result => ApplianceCommands.Run(() => List(resolve(result))));
        return new Command("site", "Peer sites held on this appliance: remote restore") { unlock, lockCommand, list };
    }

    /// <summary>The files of a peer site held here; an <see cref="ApplianceException"/> for a bad name or a site not held.</summary>
    internal static PeerSiteFiles Known(DataDirectory data, string site)
    {
        PeerSiteFiles files;
        try
        {
            files = new PeerSiteFiles(data, site);
        }
        catch (ArgumentException)
        {
            throw new ApplianceException($"'{site}' is not a site name (letters, digits, '.', '-', '_')");
        }
        return files.Known ? files : throw new ApplianceException($"no peer site '{site}' is held on this appliance");
    }

    private static int Unlock(ApplianceConfig config, TimeProvider time, string site, string keyFile)
    {
        var data = ApplianceCommands.RequireSite(config);
        var key = ReadKey(keyFile);
        var audit = new AuditLog(CatalogueDatabase.Open(data.CataloguePath), time);
        try
        {
            var files = Known(data, site);
            var keyring = RemoteUnlock.OpenKeyring(files, key);
            SiteKeys.ReadMachineKey(data); // it seals what is kept: a missing one fails here, before anything is written
            var snapshots = RemoteUnlock.Materialise(files, keyring, files.CliViewCatalogue);
            UnlockedKeyring.Save(data, files, keyring);
            audit.Record(new AuditEvent("cli", "site.unlock", site, $"{snapshots} snapshots"));
            Console.Error.WriteLine($"unlocked site '{site}': {snapshots} snapshots; 'costor-appliance site lock {site}' forgets its keyring");
            return 0;
        }
        catch (ApplianceException e)
        {
            audit.Record(new AuditEvent("cli", "site.unlock", site.Length > 64 ? site[..64] : site, e.Message, Outcome: AuditOutcome.Failed));
            throw;
        }
    }

    private static int Lock(ApplianceConfig config, TimeProvider time, string site)
    {
        var data = ApplianceCommands.RequireSite(config);
        var files = Known(data, site);
        var was = UnlockedKeyring.Delete(files);
        RemoteUnlock.DeleteView(files.CliViewCatalogue);
        new AuditLog(CatalogueDatabase.Open(data.CataloguePath), time).Record(new AuditEvent("cli", "site.lock", site, was ? null : "was not unlocked"));
        Console.Error.WriteLine(was ? $"locked site '{site}'" : $"site '{site}' was not unlocked");
        return 0;
    }

    private static int List(ApplianceConfig config)
    {
        var data = ApplianceCommands.RequireSite(config);
        foreach (var site in PeerSiteFiles.Sites(data))
            Console.Out.WriteLine($"{site}\t{(File.Exists(new PeerSiteFiles(data, site).UnlockedKeyring) ? "unlocked" : "locked")}");
        return 0;
    }

    /// <summary>
    /// The readers of a site unlocked by <c>site unlock</c>: its kept keyring and view (materialised again if it is
    /// missing). Audits go to this appliance's log.
    /// </summary>
    internal static SiteReaders Readers(ApplianceConfig config, DataDirectory data, string site, TimeProvider time)
    {
        var files = Known(data, site);
        var keyring = UnlockedKeyring.Load(data, files);
        if (!File.Exists(files.CliViewCatalogue))
            RemoteUnlock.Materialise(files, keyring, files.CliViewCatalogue);
        var view = RemoteSiteView.Open(files, files.CliViewCatalogue, keyring, new AuditLog(CatalogueDatabase.Open(data.CataloguePath), time), Fetcher(config, data, time), time);
        return new SiteReaders(view.Browser, view.Archive);
    }

    /// <summary>
    /// Packs of the site this box does not hold are fetched from the configured peers, as <c>serve</c> does (this
    /// process authenticates with the site's own client certificate); without peers, nothing is fetched.
    /// </summary>
    private static IPeerPackFetcher Fetcher(ApplianceConfig config, DataDirectory data, TimeProvider time)
    {
        if (config.Peers.IsEmpty)
            return new NoPeerPackFetcher();
        var keys = SiteKeys.Open(data);
        var authority = CertificateAuthority.LoadOrCreate(data, keys, time);
        var authorities = new PeerAuthorities(config.Peers, data, time, NullLogger<PeerAuthorities>.Instance);
        var clients = new PeerClients(new PeerCertificates(authority, keys.SiteName, time), authorities, time);
        return new PeerPackFetcher(clients, config, new SiteContext(data, keys, authority, config), NullLogger<PeerPackFetcher>.Instance);
    }

    private static RecoveryKey ReadKey(string file)
    {
        string text;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
                throw new ApplianceException($"--recovery-key-file {file} does not exist");
            if (info.Length > 4096)
                throw new ApplianceException($"--recovery-key-file {file} is not a recovery key (too long)");
            text = File.ReadAllText(file);
        }
        catch (UnauthorizedAccessException)
        {
            throw new ApplianceException($"--recovery-key-file {file} cannot be read");
        }
        try
        {
            return RecoveryKey.Parse(text.Trim());
        }
        catch (FormatException e)
        {
            throw new ApplianceException($"--recovery-key-file {file} does not hold a recovery key: {e.Message}");
        }
    }
}
