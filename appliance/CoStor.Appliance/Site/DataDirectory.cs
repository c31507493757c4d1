namespace CoStor.Appliance.Site;

/// <summary>
/// Layout of the appliance's data directory. Everything the site owns lives under one root:
/// the catalogue, the keyring files, the CA certificate and the packs.
/// </summary>
public sealed class DataDirectory(string root)
{
    public string Root { get; } = Path.GetFullPath(root);
    public string CataloguePath => Path.Combine(Root, "catalogue.db");
    public string SealedKeyringPath => Path.Combine(Root, "keyring.sealed");
    public string RecoveryKeyringPath => Path.Combine(Root, "keyring.recovery");

    /// <summary>Development default: on an appliance image the machine key sits on the system partition.</summary>
    public string MachineKeyPath => Path.Combine(Root, "machine.key");
    public string CaCertificatePath => Path.Combine(Root, "ca.crt");
    public string PacksPath => Path.Combine(Root, "packs");
    public string OpenPacksPath => Path.Combine(Root, "open");
    public string QuarantinePath => Path.Combine(Root, "quarantine");

    public bool SiteExists => File.Exists(SealedKeyringPath);

    public string SealedPackPath(string packName) => Path.Combine(PacksPath, packName[..2], packName + ".pack");

    public string OpenPackPath(long packId) => Path.Combine(OpenPacksPath, packId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".open");

    public void EnsureLayout()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(PacksPath);
        Directory.CreateDirectory(OpenPacksPath);
        Directory.CreateDirectory(QuarantinePath);
    }
}
