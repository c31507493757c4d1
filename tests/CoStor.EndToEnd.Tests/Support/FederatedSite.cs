using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// One site of a multi-site test: created with <c>costor-appliance init</c> (its recovery key kept in a file), its CA
/// fingerprint read with <c>fingerprint</c>, a fixed free port on 127.0.0.1 chosen up front so that the other sites'
/// configurations can name it, and a TOML file naming the site, its peers and replication settings.
/// </summary>
public sealed class FederatedSite : IAsyncDisposable
{
    private FederatedSite(string name, string root, int port, string fingerprint) =>
        (Name, Root, Port, Fingerprint) = (name, root, port, fingerprint);

    public string Name { get; }
    public string Root { get; }
    public string DataDir => Path.Combine(Root, "data");
    public string ConfigFile => Path.Combine(Root, "appliance.toml");
    public string RecoveryKeyFile => Path.Combine(Root, "recovery.key");
    public int Port { get; }
    public string Url => $"https://127.0.0.1:{Port}/";
    public string Fingerprint { get; }
    public ApplianceProcess? Process { get; private set; }

    public static async Task<FederatedSite> CreateAsync(TempDirectory temp, string name)
    {
        var root = temp.Sub(name);
        Directory.CreateDirectory(root);
        var data = Path.Combine(root, "data");
        var init = await Tools.ApplianceAsync("init", "--data", data, "--site", name);
        if (init.ExitCode != 0)
            throw new InvalidOperationException(init.ToString());
        await File.WriteAllTextAsync(Path.Combine(root, "recovery.key"), init.Stdout.Trim() + "\n");
        var fingerprint = await Tools.ApplianceAsync("fingerprint", "--data", data);
        if (fingerprint.ExitCode != 0)
            throw new InvalidOperationException(fingerprint.ToString());
        return new FederatedSite(name, root, FreePort(), fingerprint.Stdout.Trim());
    }

    /// <summary>
    /// Writes this site's configuration: its name, the given peers, replication polling every second and idle packs
    /// sealed after a second (so a backup's last pack replicates at once).
    /// </summary>
    public Task ConfigureAsync(int copies, params FederatedSite[] peers)
    {
        var toml = new StringBuilder();
        toml.Append($"[site]\nname = \"{Name}\"\n\n[limits]\nseal_idle_seconds = 1\n\n[replication]\ncopies = {copies}\ninterval_seconds = 1\n");
        foreach (var peer in peers)
            toml.Append($"\n[[peers]]\nname = \"{peer.Name}\"\nurl = \"{peer.Url}\"\nfingerprint = \"{peer.Fingerprint}\"\n");
        return File.WriteAllTextAsync(ConfigFile, toml.ToString());
    }

    public async Task StartAsync() => Process = await ApplianceProcess.StartWithConfigAsync(DataDir, ConfigFile, Port);

    /// <summary>kill -9: the process ends at once.</summary>
    public void Kill()
    {
        Process?.Kill();
        Process = null;
    }

    /// <summary>Sealed packs this site holds of <paramref name="site"/> (as replicated into <c>peers/SITE/packs</c>).</summary>
    public IReadOnlySet<string> HeldPacksOf(string site)
    {
        var folder = Path.Combine(DataDir, "peers", site, "packs");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.pack", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet()
            : new HashSet<string>();
    }

    /// <summary>When this site last sealed a pack (the newest pack file), or the minimum when it has none.</summary>
    public DateTime LastSealedAt()
    {
        var folder = Path.Combine(DataDir, "packs");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.pack", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.MinValue).Max()
            : DateTime.MinValue;
    }

    /// <summary>This site's own sealed packs.</summary>
    public IReadOnlySet<string> OwnPacks()
    {
        var folder = Path.Combine(DataDir, "packs");
        return Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.pack", SearchOption.AllDirectories).Select(Path.GetFileNameWithoutExtension).OfType<string>().ToHashSet()
            : new HashSet<string>();
    }

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
            await Process.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
