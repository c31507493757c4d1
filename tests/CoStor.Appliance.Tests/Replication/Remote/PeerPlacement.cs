using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Replication.Remote;

/// <summary>
/// Puts site A's files into box B's <c>peers/A/</c> as the replication engine will: the exact bytes of A's
/// <c>keyring.recovery</c> and CA certificate, a checkpoint A signed, and A's sealed packs (or some of them).
/// </summary>
public static class PeerPlacement
{
    public static PeerSiteFiles Place(TestSite owner, DataDirectory holder, string name = "school", Func<string, bool>? keepPack = null)
    {
        var files = new PeerSiteFiles(holder, name);
        Directory.CreateDirectory(files.Root);
        File.Copy(owner.Data.RecoveryKeyringPath, files.RecoveryKeyring, overwrite: true);
        File.Copy(owner.Data.CaCertificatePath, files.CaCertificate, overwrite: true);
        var content = CheckpointBuilder.Build(owner.Database, "school", [], 1, TestSite.Clock);
        File.WriteAllBytes(files.Checkpoint, CheckpointCodec.Encode(content, owner.Keys.Keyring, owner.Authority));
        foreach (var pack in content.Packs.Where(pack => keepPack?.Invoke(pack.Name) ?? true))
        {
            var target = LocalPackDirectory.PathIn(Path.Combine(files.Root, "packs"), pack.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(LocalPackDirectory.PathIn(owner.Data.PacksPath, pack.Name), target, overwrite: true);
        }
        return files;
    }
}
