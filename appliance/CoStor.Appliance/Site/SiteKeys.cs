using System.Security.Cryptography;
using CoStor.Core.Keys;

namespace CoStor.Appliance.Site;

/// <summary>
/// The site's keyring on disk. Created once (random master secret); stored sealed with the machine key so
/// the box restarts unattended, and wrapped with a recovery key that is returned to the caller exactly
/// once and never stored.
/// </summary>
public sealed class SiteKeys
{
    private SiteKeys(SiteKeyring keyring, string siteName)
    {
        Keyring = keyring;
        SiteName = siteName;
    }

    public SiteKeyring Keyring { get; }
    public string SiteName { get; }

    /// <summary>Creates a new site. Fails if one exists: a second keyring would orphan every pack.</summary>
    public static (SiteKeys Keys, RecoveryKey RecoveryKey) Create(DataDirectory data, string siteName)
    {
        if (data.SiteExists)
            throw new Errors.ApplianceException($"a site already exists in {data.Root}");
        data.EnsureLayout();
        var keyring = SiteKeyring.Create();
        var recovery = RecoveryKey.Generate();
        var machineKey = MachineKey(data);
        DurableFile.WriteAllBytes(data.RecoveryKeyringPath, KeyringFile.Wrap(keyring, siteName, recovery),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        // Written last: its presence is what marks the site as created.
        DurableFile.WriteAllBytes(data.SealedKeyringPath, KeyringFile.Seal(keyring, siteName, machineKey),
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return (new SiteKeys(keyring, siteName), recovery);
    }

    /// <summary>
    /// Restores a site on a new, empty data directory from its keyring (unwrapped with the recovery key) and the
    /// recovery-wrapped file it came from, which is kept as it was: the rebuilt box seals the keyring with its own
    /// machine key and travels with the same wrapped copy to its peers. Fails if a site exists here.
    /// </summary>
    public static SiteKeys Restore(DataDirectory data, SiteKeyring keyring, string siteName, byte[] wrappedKeyring)
    {
        if (data.SiteExists)
            throw new Errors.ApplianceException($"a site already exists in {data.Root}");
        data.EnsureLayout();
        DurableFile.WriteAllBytes(data.RecoveryKeyringPath, wrappedKeyring,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        DurableFile.WriteAllBytes(data.SealedKeyringPath, KeyringFile.Seal(keyring, siteName, MachineKey(data)),
            UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new SiteKeys(keyring, siteName);
    }

    /// <summary>
    /// The machine's key: the existing one (one machine key may seal several sites' keyrings; replacing it would
    /// lock the others out), or a new random one written root-only.
    /// </summary>
    private static byte[] MachineKey(DataDirectory data)
    {
        if (File.Exists(data.MachineKeyPath))
            return File.ReadAllBytes(data.MachineKeyPath);
        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(data.MachineKeyPath)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        DurableFile.WriteAllBytes(data.MachineKeyPath, key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }

    /// <summary>Opens the site's keyring with the machine key.</summary>
    public static SiteKeys Open(DataDirectory data)
    {
        if (!data.SiteExists)
            throw new Errors.ApplianceException($"no site in {data.Root}: run 'costor-appliance init --data {data.Root}' first");
        var machineKey = ReadMachineKey(data);
        var opened = KeyringFile.Open(File.ReadAllBytes(data.SealedKeyringPath), machineKey);
        return new SiteKeys(opened.Keyring, opened.SiteName);
    }

    /// <summary>The existing machine key (it also seals a peer's keyring a CLI unlock keeps: Replication/Remote/UnlockedKeyring).</summary>
    public static byte[] ReadMachineKey(DataDirectory data)
    {
        if (!File.Exists(data.MachineKeyPath))
            throw new Errors.ApplianceException($"the machine key {data.MachineKeyPath} is missing: the site's keyring cannot be opened without it (give --machine-key or site.machine_key_file where it is kept)");
        return File.ReadAllBytes(data.MachineKeyPath);
    }
}
