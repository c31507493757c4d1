using System.CommandLine;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;
using CoStor.Appliance.Replication.Rebuild;
using CoStor.Appliance.Site;
using CoStor.Core.Keys;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Cli;

/// <summary>
/// <c>rebuild --site A --peer URL --fingerprint FP --recovery-key-file F [--data DIR]</c>: makes a new, empty data
/// directory site A again from its peers (<see cref="SiteRebuilder"/>), then prints the <c>[[peers]]</c> entries the
/// site had, for its configuration. Holds the serving lock meanwhile. A failure before the catalogue is rebuilt
/// removes everything the command created; packs no peer could give are listed and the exit code is 1.
/// </summary>
public static class RebuildCommand
{
    public static Command Build(Func<ParseResult, ApplianceConfig> resolve, TimeProvider time)
    {
        var site = new Option<string>("--site") { Description = "the lost site's name", Required = true };
        var peer = new Option<string>("--peer") { Description = "https URL of a surviving peer that holds the site", Required = true };
        var fingerprint = new Option<string>("--fingerprint") { Description = "that peer's CA fingerprint (costor-appliance fingerprint on it)", Required = true };
        var keyFile = new Option<string>("--recovery-key-file") { Description = "file holding the site's recovery key", Required = true };
        var command = new Command("rebuild", "Rebuild a lost site on this empty box from its peers") { site, peer, fingerprint, keyFile };
        command.SetAction((result, cancellationToken) => ArchiveCommand.RunAsync(() => RunAsync(resolve(result), time, result.GetValue(site)!,
            result.GetValue(peer)!, result.GetValue(fingerprint)!, result.GetValue(keyFile)!, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(ApplianceConfig config, TimeProvider time, string site, string peerUrl, string fingerprint, string keyFile, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(peerUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            throw new ApplianceException($"--peer must be an https URL, not '{peerUrl}'");
        if (!CertificateFingerprint.IsWellFormed(fingerprint))
            throw new ApplianceException($"--fingerprint must be 64 hex digits (costor-appliance fingerprint on the peer), not '{fingerprint}'");
        var recoveryKey = ReadRecoveryKey(keyFile);
        var data = DataDirectory.For(config);
        Directory.CreateDirectory(data.Root);
        var before = SiteInitializer.Entries(data);
        using var serving = data.LockForServing();
        if (!DataDirectory.IsSiteName(site))
            throw new ApplianceException($"--site '{site}' is not a site name (letters, digits, '.', '-', '_')");
        var peer = new PeerConfig("source", new Uri(url.ToString().TrimEnd('/') + "/"), fingerprint.ToLowerInvariant());
        SiteRebuilder.Outcome outcome;
        try
        {
            outcome = await new SiteRebuilder(config, data, time, Console.Error).RunAsync(site, peer, recoveryKey, cancellationToken);
        }
        catch
        {
            if (!File.Exists(data.CataloguePath))
                SiteInitializer.RollBack(data, before);
            throw;
        }
        Console.Error.WriteLine($"site {site} rebuilt in {data.Root}: {outcome.Agents} agents, {outcome.Snapshots} snapshots, {outcome.Packs} packs.");
        Console.Error.WriteLine("Its peers, for its configuration file:");
        foreach (var each in outcome.Peers)
            Console.Error.WriteLine($"[[peers]]\nname = \"{each.Name}\"\nurl = \"{each.Url}\"\nfingerprint = \"{each.Fingerprint}\"\n");
        if (outcome.Missing.Count == 0)
            return 0;
        Console.Error.WriteLine($"costor-appliance: {outcome.Missing.Count} packs could not be fetched from any peer (first: {outcome.Missing[0]}); snapshots that need them cannot be restored");
        return 1;
    }

    private static RecoveryKey ReadRecoveryKey(string file)
    {
        string text;
        try
        {
            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ApplianceException($"cannot read the recovery key file {file}: {e.Message}");
        }
        try
        {
            return RecoveryKey.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ApplianceException($"{file} does not hold a recovery key: {e.Message}");
        }
    }
}
