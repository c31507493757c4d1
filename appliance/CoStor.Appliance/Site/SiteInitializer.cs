using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Site;

/// <summary>Creates a site: keyring (sealed + recovery-wrapped), CA certificate, catalogue, audit entry.</summary>
public static class SiteInitializer
{
    /// <summary>Returns the recovery key text — the only time it exists outside the operator's hands.</summary>
    public static string Create(DataDirectory data, string siteName, TimeProvider time)
    {
        var (keys, recovery) = SiteKeys.Create(data, siteName);
        using (CertificateAuthority.LoadOrCreate(data, keys, time)) { }
        var database = CatalogueDatabase.Open(data.CataloguePath);
        new AuditLog(database, time).Record("cli", "site.create", siteName);
        return recovery.ToString();
    }
}
