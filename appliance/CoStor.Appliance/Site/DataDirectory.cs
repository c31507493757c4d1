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
    /// <summary>What this box keeps for other sites: one folder per peer site (docs/replication.md, "On disk").</summary>
    public string PeersPath => Path.Combine(Root, "peers");

    /// <summary>
    /// The folder of peer site <paramref name="site"/>. The name must be a valid site name (as <c>site.name</c>
    /// is validated: letters, digits, '.', '-', '_', starting with a letter or digit), so it never leaves
    /// <see cref="PeersPath"/>.
    /// </summary>
    public string PeerPath(string site)
    {
        if (!IsSiteName(site))
            throw new ArgumentException($"not a valid site name (\"{site}\")", nameof(site));
        return Path.Combine(PeersPath, site);
    }

    /// <summary>Whether <paramref name="value"/> is a valid site name (what <see cref="PeerPath"/> accepts).</summary>
    public static bool IsSiteName(string value)
    {
        if (value.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(value[0]))
            return false;
        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
                return false;
        }
        return true;
    }

    /// <summary>The site's latest signed, encrypted catalogue checkpoint (docs/replication.md), replaced atomically.</summary>
    public string CheckpointPath => Path.Combine(Root, "checkpoint", "latest");

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
