using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Errors;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Site;
using CoStor.Core.Errors;
using CoStor.Core.Keys;

namespace CoStor.Appliance.Replication.Remote;

/// <summary>
/// The steps of unlocking a peer site, shared by the web UI (<see cref="RemoteSites"/>) and the CLI: open the site's
/// recovery-wrapped keyring with its recovery key, then verify and open its checkpoint and materialise it as the
/// read-only view. Every failure is an <see cref="ApplianceException"/> saying what is wrong; nothing is written
/// before the key, the CA signature and the checkpoint's content have all checked out.
/// </summary>
public static class RemoteUnlock
{
    /// <summary>The keyring of <paramref name="files"/>' site, opened with <paramref name="key"/>.</summary>
    public static SiteKeyring OpenKeyring(PeerSiteFiles files, RecoveryKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var wrapped = ReadKnown(files, files.RecoveryKeyring, "recovery-wrapped keyring");
        try
        {
            if (KeyringFile.ReadKind(wrapped) != KeyringKind.RecoveryWrapped)
                throw new ApplianceException($"{files.RecoveryKeyring} is not a recovery-wrapped keyring");
            var opened = KeyringFile.Open(wrapped, key);
            if (opened.SiteName != files.Site)
                throw new ApplianceException($"the keyring held for '{files.Site}' belongs to site '{opened.SiteName}'");
            return opened.Keyring;
        }
        catch (WrongKeyException)
        {
            throw new ApplianceException($"the recovery key does not open the keyring of site '{files.Site}' (wrong key, or the file was altered)");
        }
        catch (CorruptKeyringException e)
        {
            throw new ApplianceException($"the keyring held for site '{files.Site}' is damaged: {e.Message}");
        }
    }

    /// <summary>
    /// Verifies the site's checkpoint against its CA certificate, opens it with <paramref name="keyring"/> and
    /// materialises it into <paramref name="view"/> (<see cref="PeerSiteFiles.ViewCatalogue"/> or
    /// <see cref="PeerSiteFiles.CliViewCatalogue"/>): written under a temporary name, made a single self-contained
    /// file, fsynced, then renamed over any previous view (readers see the old view or the new one). Returns the
    /// number of snapshots the view holds.
    /// </summary>
    public static int Materialise(PeerSiteFiles files, SiteKeyring keyring, string view)
    {
        var (sequence, json) = OpenCheckpoint(files, keyring);
        Directory.CreateDirectory(files.ViewDirectory);
        var snapshots = 0;
        var temporary = Path.Combine(files.ViewDirectory, $"catalogue.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.new");
        try
        {
            var (database, summary) = Refused(files, () => CheckpointMaterialiser.WriteJson(json, files.Site, sequence, temporary));
            database.FinishView();
            snapshots = summary.Snapshots;
            using (var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
                file.Flush(flushToDisk: true);
            File.Move(temporary, view, overwrite: true);
            DurableFile.SyncDirectory(files.ViewDirectory);
        }
        finally
        {
            foreach (var leftover in new[] { temporary, temporary + "-wal", temporary + "-shm", temporary + "-journal" })
                File.Delete(leftover);
        }
        return snapshots;
    }

    /// <summary>
    /// Removes a materialised view (it holds the site's catalogue in the clear: user and agent credential hashes,
    /// names, paths); readers that already have it open keep reading until they finish. True when one was there.
    /// </summary>
    public static bool DeleteView(string view)
    {
        if (!Directory.Exists(Path.GetDirectoryName(view)))
            return false; // never unlocked here (File.Delete would throw for the missing folder)
        var was = File.Exists(view);
        foreach (var file in new[] { view, view + "-wal", view + "-shm", view + "-journal" })
            File.Delete(file);
        if (was)
            DurableFile.SyncDirectory(Path.GetDirectoryName(view)!);
        return was;
    }

    private static T Refused<T>(PeerSiteFiles files, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (CheckpointException e)
        {
            throw new ApplianceException($"the checkpoint of site '{files.Site}' was refused: {e.Message}");
        }
    }

    private static (long Sequence, byte[] Json) OpenCheckpoint(PeerSiteFiles files, SiteKeyring keyring)
    {
        var pem = ReadKnown(files, files.CaCertificate, "CA certificate");
        var checkpoint = ReadKnown(files, files.Checkpoint, "checkpoint");
        X509Certificate2 authority;
        try
        {
            authority = X509Certificate2.CreateFromPem(System.Text.Encoding.ASCII.GetString(pem));
        }
        catch (CryptographicException e)
        {
            throw new ApplianceException($"{files.CaCertificate} is not a PEM certificate: {e.Message}");
        }
        using (authority)
        {
            return Refused(files, () => CheckpointCodec.OpenJson(checkpoint, authority, keyring));
        }
    }

    private static byte[] ReadKnown(PeerSiteFiles files, string path, string what)
    {
        if (!files.Known)
            throw new ApplianceException($"no peer site '{files.Site}' is held on this appliance");
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new ApplianceException($"site '{files.Site}' has no {what} here yet ({path}); replication has not delivered it");
    }
}
