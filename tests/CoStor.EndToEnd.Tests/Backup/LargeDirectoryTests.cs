using System.Text;
using CoStor.Agent.FileSystem;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>
/// A directory too large for one tree blob is sealed as runs and a tree of spans, and restores and lists as one
/// directory. Its entries are made large (200-byte names, a 3,900-byte xattr each) so that 4,200 files pass the
/// 16 MiB limit that would otherwise take about 170,000.
/// </summary>
public class LargeDirectoryTests
{
    private const int Files = 4200;

    [Test]
    public async Task A_directory_over_one_tree_blob_backs_up_restores_and_lists_whole()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        var big = Path.Combine(source, "big");
        Directory.CreateDirectory(big);
        using (var target = RestoreTarget.Open(Encoding.UTF8.GetBytes(big)))
        {
            var comment = Enumerable.Range(0, 3900).Select(i => (byte)(i * 7)).ToArray();
            for (var i = 0; i < Files; i++)
            {
                var name = Encoding.ASCII.GetBytes($"mail-{i:D6}-".PadRight(200, 'x'));
                using (var handle = target.Root.CreateFile(name))
                    RandomAccess.Write(handle, [(byte)i, (byte)(i >> 8)], 0);
                target.Root.ApplyMetadata(name, 0x1a4, 0, 0, 1_700_000_000_000_000_000 + i, [("user.comment", comment)], setOwner: false);
            }
        }
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        var backup = await Tools.AgentAsync("backup", "--state", state, source);

        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        var snapshot = backup.Stdout.Trim();
        var restoreTarget = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", snapshot, "--target", restoreTarget, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        await Assert.That(TreeManifest.Of(Path.Combine(restoreTarget, source.TrimStart('/')))).IsEqualTo(TreeManifest.Of(source));
        var listing = await Tools.AgentAsync("ls", snapshot, big, "--state", state);
        await Assert.That(listing.ExitCode).IsEqualTo(0).Because(listing.Stderr);
        await Assert.That(listing.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Contains("mail-"))).IsEqualTo(Files);

        // One file from the last run, by path: the descent joins the runs to find it.
        var last = Path.Combine(big, $"mail-{Files - 1:D6}-".PadRight(200, 'x'));
        var oneTarget = temp.Sub("one");
        var one = await Tools.AgentAsync("restore", snapshot, "--target", oneTarget, "--include", last, "--state", state);
        await Assert.That(one.ExitCode).IsEqualTo(0).Because(one.ToString());
        await Assert.That(Directory.GetFiles(Path.Combine(oneTarget, big.TrimStart('/')))).HasSingleItem();
        var restoredLast = await File.ReadAllBytesAsync(Path.Combine(oneTarget, last.TrimStart('/')));
        var originalLast = await File.ReadAllBytesAsync(last);
        await Assert.That(restoredLast.AsSpan().SequenceEqual(originalLast)).IsTrue();
    }
}
