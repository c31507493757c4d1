namespace CoStor.Appliance.Site;

/// <summary>
/// Layout of the appliance's data directory. Everything the site owns lives under one root:
/// the catalogue, the keyring files, the CA certificate and the packs — all but the machine key, which an
/// appliance image keeps on its system partition (<c>site.machine_key_file</c>, <c>--machine-key</c>), so the
/// data disk alone unseals nothing.
/// </summary>
public sealed class DataDirectory(string root, string? machineKeyPath = null)
{
    /// <summary>The data directory and machine key the configuration names.</summary>
    public static DataDirectory For(Configuration.ApplianceConfig config) => new(config.Server.DataDir, config.Site.MachineKeyFile);

    public string Root { get; } = Path.GetFullPath(root);
    public string CataloguePath => Path.Combine(Root, "catalogue.db");
    public string SealedKeyringPath => Path.Combine(Root, "keyring.sealed");
    public string RecoveryKeyringPath => Path.Combine(Root, "keyring.recovery");

    /// <summary>Default: in the data directory (development); on an appliance image it sits on the system partition.</summary>
    public string MachineKeyPath { get; } = machineKeyPath is null ? Path.Combine(Path.GetFullPath(root), "machine.key") : Path.GetFullPath(machineKeyPath);
    public string CaCertificatePath => Path.Combine(Root, "ca.crt");
    public string MetricsTokenPath => Path.Combine(Root, "metrics.token");
    /// <summary>The web UI's data-protection keys (anti-forgery tokens), so open forms survive a restart.</summary>
    public string WebKeysPath => Path.Combine(Root, "web-keys");
    /// <summary>Scratch files for the bytes of uploaded blobs the appliance already holds (see Ingest/ShadowFile).</summary>
    public string ShadowPath => Path.Combine(Root, "shadow");
    public string PacksPath => Path.Combine(Root, "packs");
    public string OpenPacksPath => Path.Combine(Root, "open");
    public string QuarantinePath => Path.Combine(Root, "quarantine");
    /// <summary>What this box keeps of and for its peers, one directory per peer site (docs/replication.md).</summary>
    public string PeersPath => Path.Combine(Root, "peers");

    /// <summary>One peer's directory; <paramref name="name"/> is a validated site name (no separators).</summary>
    public string PeerPath(string name) => Path.Combine(PeersPath, name);

    public bool SiteExists => File.Exists(SealedKeyringPath);

    public string ServeLockPath => Path.Combine(Root, "serve.lock");

    /// <summary>
    /// Takes the data directory for one serving appliance, until disposed or the process ends. A second
    /// <c>serve</c> on the same directory would create the site a second time on a first start, or recover the
    /// open packs the first is writing (cutting them back to their last commit under it), so it is refused.
    /// The other commands (token create, user add, fingerprint) work beside a serving appliance and take no lock.
    /// </summary>
    public IDisposable LockForServing()
    {
        CreateRoot();
        return CoStor.Core.Files.ExclusiveLock.Take(ServeLockPath,
            () => new IOException($"another costor-appliance is serving the data directory {Root}; stop it first"));
    }

    public string OpenPackPath(long packId) => Path.Combine(OpenPacksPath, packId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".open");

    public void EnsureLayout()
    {
        CreateRoot();
        Directory.CreateDirectory(PacksPath);
        Directory.CreateDirectory(OpenPacksPath);
        Directory.CreateDirectory(QuarantinePath);
        Directory.CreateDirectory(ShadowPath);
    }

    /// <summary>Creates the data directory if needed and makes it the owner's alone (0700): it holds keys and every PC's data.</summary>
    private void CreateRoot()
    {
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
