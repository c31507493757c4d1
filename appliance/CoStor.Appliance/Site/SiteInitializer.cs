using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Site;

/// <summary>Creates a site: keyring (sealed + recovery-wrapped), CA certificate, catalogue, audit entry.</summary>
public static class SiteInitializer
{
    /// <summary>Returns the recovery key text — the only time it exists outside the operator's hands.</summary>
    public static string Create(DataDirectory data, string siteName, TimeProvider time)
    {
        data.EnsureLayout();
        var (keys, recovery) = SiteKeys.Create(data, siteName);
        using (CertificateAuthority.LoadOrCreate(data, keys, time)) { }
        var database = CatalogueDatabase.Open(data.CataloguePath);
        new AuditLog(database, time).Record("cli", "site.create", siteName);
        return recovery.ToString();
    }

    /// <summary>The entries a data directory holds now, so that <see cref="RollBack"/> removes only what came after.</summary>
    public static HashSet<string> Entries(DataDirectory data) =>
        Directory.Exists(data.Root) ? [.. Directory.EnumerateFileSystemEntries(data.Root).Select(Path.GetFullPath)] : [];

    /// <summary>
    /// Removes a site created by this process whose recovery key was never shown: every entry of the data directory
    /// that was not in <paramref name="before"/>, except the serving lock. Nothing that was there before is touched.
    /// </summary>
    public static void RollBack(DataDirectory data, IReadOnlySet<string> before)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(data.Root).Select(Path.GetFullPath))
        {
            if (before.Contains(entry) || entry == Path.GetFullPath(data.ServeLockPath))
                continue;
            if (Directory.Exists(entry))
                Directory.Delete(entry, recursive: true);
            else
                File.Delete(entry);
        }
    }
}
