using CoStor.Appliance.Errors;
using CoStor.Appliance.Site;
using CoStor.Core.Errors;
using CoStor.Core.Keys;

namespace CoStor.Appliance.Replication.Remote;

/// <summary>
/// A CLI unlock's keyring, kept for later commands (<c>archive --site</c>): the peer site's keyring sealed with this
/// machine's key (<see cref="KeyringFile.Seal"/>, as the site's own <c>keyring.sealed</c>) at
/// <c>peers/NAME/keyring.unlocked</c>, owner-only, until <c>site lock</c> deletes it.
/// </summary>
public static class UnlockedKeyring
{
    public static void Save(DataDirectory data, PeerSiteFiles files, SiteKeyring keyring) =>
        DurableFile.WriteAllBytes(files.UnlockedKeyring, KeyringFile.Seal(keyring, files.Site, SiteKeys.ReadMachineKey(data)),
            UnixFileMode.UserRead | UnixFileMode.UserWrite);

    /// <summary>The kept keyring; an <see cref="ApplianceException"/> when the site is not unlocked here.</summary>
    public static SiteKeyring Load(DataDirectory data, PeerSiteFiles files)
    {
        if (!File.Exists(files.UnlockedKeyring))
            throw new ApplianceException($"site '{files.Site}' is not unlocked: run 'costor-appliance site unlock {files.Site} --recovery-key-file FILE' first");
        try
        {
            var opened = KeyringFile.Open(File.ReadAllBytes(files.UnlockedKeyring), SiteKeys.ReadMachineKey(data));
            return opened.SiteName == files.Site
                ? opened.Keyring
                : throw new ApplianceException($"{files.UnlockedKeyring} holds site '{opened.SiteName}'s keyring, not '{files.Site}'s");
        }
        catch (CoStorException e)
        {
            throw new ApplianceException($"{files.UnlockedKeyring} does not open with this machine's key: {e.Message}");
        }
    }

    /// <summary>Deletes the kept keyring; false when there was none.</summary>
    public static bool Delete(PeerSiteFiles files)
    {
        if (!File.Exists(files.UnlockedKeyring))
            return false;
        File.Delete(files.UnlockedKeyring);
        DurableFile.SyncDirectory(files.Root);
        return true;
    }
}
