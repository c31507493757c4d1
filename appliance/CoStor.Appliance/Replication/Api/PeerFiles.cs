using CoStor.Appliance.Hosting;
using CoStor.Appliance.Site;

namespace CoStor.Appliance.Replication.Api;

/// <summary>
/// Where the recovery material served to peers lives: this site's own (<c>keyring.recovery</c>, <c>ca.crt</c>,
/// <c>checkpoint/latest</c>) and what this box keeps of each peer site (<c>peers/NAME/…</c>, docs/replication.md "On disk").
/// Read-only: nothing here creates a file or folder.
/// </summary>
public static class PeerFiles
{
    public const string Keyring = "keyring.recovery", Ca = "ca.crt", Checkpoint = "checkpoint";

    /// <summary>This site's recovery material.</summary>
    public static Api.PeerKeyring Own(SiteContext site) =>
        new(site.Keys.SiteName, Convert.ToBase64String(File.ReadAllBytes(site.Data.RecoveryKeyringPath)), site.Authority.Certificate.ExportCertificatePem());

    /// <summary>The material this box holds for peer site <paramref name="siteName"/> (a valid name), or null when it lacks the keyring or the CA.</summary>
    public static Api.PeerKeyring? Held(DataDirectory data, string siteName)
    {
        var folder = data.PeerPath(siteName);
        var keyring = Path.Combine(folder, Keyring);
        var ca = Path.Combine(folder, Ca);
        if (!File.Exists(keyring) || !File.Exists(ca))
            return null;
        return new(siteName, Convert.ToBase64String(File.ReadAllBytes(keyring)), File.ReadAllText(ca));
    }

    /// <summary>The held packs folder of <paramref name="siteName"/>, or null when this box holds nothing of it.</summary>
    public static string? HeldPacksFolder(DataDirectory data, string siteName)
    {
        var packs = Path.Combine(data.PeerPath(siteName), "packs");
        return Directory.Exists(packs) ? packs : null;
    }
}
