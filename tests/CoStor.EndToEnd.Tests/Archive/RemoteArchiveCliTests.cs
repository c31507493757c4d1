using System.IO.Compression;
using CoStor.Appliance.Archive;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Archive;

/// <summary>
/// Remote restore from the command line: site A's files placed in box B's <c>peers/e2e/</c> as replication leaves
/// them, then <c>site unlock</c> and <c>archive --site</c> beside B's running <c>serve</c>.
/// </summary>
public class RemoteArchiveCliTests
{
    [Test]
    public async Task Unlock_then_archive_a_peer_sites_folder_beside_serve_and_refuse_bad_input()
    {
        using var temp = new TempDirectory();
        await using var tree = await BackedUpTree.CreateAsync(temp);
        var recovery = PeerFiles.RecoveryKeyOf(tree.Appliance);
        await PeerFiles.PlaceAsync(tree.Appliance, temp.Sub("b/peers/e2e"));
        await using var b = await ApplianceProcess.StartAsync(temp.Sub("b"));
        var keyFile = temp.Sub("recovery.txt");
        await File.WriteAllTextAsync(keyFile, recovery + "\n");
        var output = temp.Sub("remote.zip");

        var locked = await Tools.ApplianceAsync("archive", "--data", b.DataDir, "--site", "e2e", "--snapshot", tree.Snapshot, "--format", "zip", "-o", output);
        await OneLineFailureAsync(locked, "site 'e2e' is not unlocked", output);

        var unlock = await Tools.ApplianceAsync("site", "unlock", "e2e", "--recovery-key-file", keyFile, "--data", b.DataDir);
        await Assert.That(unlock.ExitCode).IsEqualTo(0).Because(unlock.ToString());
        await Assert.That((await Tools.ApplianceAsync("site", "list", "--data", b.DataDir)).Stdout.Trim()).IsEqualTo("e2e\tunlocked");
        var mode = File.GetUnixFileMode(Path.Combine(b.DataDir, "peers/e2e/keyring.unlocked"));
        await Assert.That(mode).IsEqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var result = await Tools.ApplianceAsync("archive", "--data", b.DataDir, "--site", "e2e", "--snapshot", tree.Snapshot, "--path", tree.Source, "--format", "zip", "-o", output);
        await Assert.That(result.ExitCode).IsEqualTo(0).Because(result.ToString());
        using (var zip = new ZipArchive(File.OpenRead(output), ZipArchiveMode.Read))
            await Assert.That(string.Join('\n', ArchiveManifest.OfZip(zip))).IsEqualTo(string.Join('\n', ArchiveManifest.OfSource(tree.Source, "src", ArchiveFormat.Zip)));
        File.Delete(output);

        var wrongKey = temp.Sub("wrong.txt");
        await File.WriteAllTextAsync(wrongKey, PeerFiles.RecoveryKeyOf(b));
        var garbage = temp.Sub("garbage.txt");
        await File.WriteAllTextAsync(garbage, "not a key");
        foreach (var (args, message) in new (string[], string)[]
        {
            (["site", "unlock", "north", "--recovery-key-file", keyFile], "no peer site 'north'"),
            (["site", "unlock", "e2e", "--recovery-key-file", wrongKey], "the recovery key does not open the keyring of site 'e2e'"),
            (["site", "unlock", "e2e", "--recovery-key-file", garbage], "does not hold a recovery key"),
            (["site", "unlock", "e2e", "--recovery-key-file", temp.Sub("missing.txt")], "does not exist"),
            (["site", "lock", "../e2e"], "is not a site name"),
            (["archive", "--site", "north", "--snapshot", tree.Snapshot, "--format", "zip", "-o", output], "no peer site 'north'"),
            (["archive", "--site", "e2e", "--snapshot", "0123456789abcdef0123456789abcdef", "--format", "zip", "-o", output], "no snapshot '0123456789abcdef0123456789abcdef' of site 'e2e'"),
        })
            await OneLineFailureAsync(await Tools.ApplianceAsync([.. args, "--data", b.DataDir]), message, output);

        var relock = await Tools.ApplianceAsync("site", "lock", "e2e", "--data", b.DataDir);
        await Assert.That(relock.ExitCode).IsEqualTo(0).Because(relock.ToString());
        await Assert.That((await Tools.ApplianceAsync("site", "list", "--data", b.DataDir)).Stdout.Trim()).IsEqualTo("e2e\tlocked");
        await Assert.That(Directory.GetFiles(Path.Combine(b.DataDir, "peers/e2e/view"))).IsEmpty().Because("lock deletes the CLI's view too");
        await OneLineFailureAsync(await Tools.ApplianceAsync("archive", "--data", b.DataDir, "--site", "e2e", "--snapshot", tree.Snapshot, "--format", "zip", "-o", output),
            "site 'e2e' is not unlocked", output);
    }

    private static async Task OneLineFailureAsync(ToolResult result, string message, string output)
    {
        await Assert.That(result.ExitCode).IsEqualTo(1).Because(result.ToString());
        await Assert.That(result.Stderr).Contains(message);
        await Assert.That(result.Stderr.Trim().Split('\n').Length).IsEqualTo(1).Because(result.ToString());
        await Assert.That(File.Exists(output) || File.Exists(output + ".tmp")).IsFalse();
    }
}
