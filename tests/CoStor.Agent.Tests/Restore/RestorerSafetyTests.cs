using System.Text;
using CoStor.Agent.Restore;
using CoStor.Agent.State;
using CoStor.Agent.Tests.FileSystem;
using CoStor.Core.Blobs;
using CoStor.Core.Trees;
using static CoStor.Agent.Tests.Restore.SnapshotBuilder;

namespace CoStor.Agent.Tests.Restore;

public class RestorerSafetyTests
{
    /// <summary>Encodes a valid tree, then renames entry <paramref name="placeholder"/> to the hostile <paramref name="hostile"/> (same length).</summary>
    private static byte[] HostileTree(SnapshotBuilder snapshot, string placeholder, string hostile)
    {
        var plain = TreeCodec.Encode([snapshot.File(placeholder, "gotcha"u8.ToArray(), mtime: 0), snapshot.File("zzz-ok", "fine"u8.ToArray(), mtime: 0)]);
        var from = Encoding.UTF8.GetBytes(placeholder);
        int at = plain.AsSpan().IndexOf(from);
        Encoding.UTF8.GetBytes(hostile).CopyTo(plain, at);
        return plain;
    }

    [Test]
    public async Task Hostile_names_are_reported_and_skipped_and_nothing_lands_outside_the_target()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var dotdot = snapshot.RawTree(HostileTree(snapshot, "QQ", ".."));
        var slash = snapshot.RawTree(HostileTree(snapshot, "aQb", "a/b"));
        var escape = snapshot.RawTree(HostileTree(snapshot, "QQQQQQQQQQQQQQQQQQ", "../../../../escape"));
        var root = snapshot.Tree(Dir("evil1", dotdot), Dir("evil2", slash), Dir("evil3", escape), snapshot.File("good", "good"u8.ToArray()));

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp);

        await Assert.That(outcome.ExitCode).IsEqualTo(3);
        await Assert.That(outcome.Problems.Count).IsEqualTo(3);
        await Assert.That(outcome.Problems[0]).StartsWith("'/evil1': ");
        await Assert.That(outcome.Problems[1]).StartsWith("'/evil2': ");
        await Assert.That(File.ReadAllText(temp.PathText + "/target/good")).IsEqualTo("good");
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText)).IsEquivalentTo([temp.PathText + "/target"]);
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText + "/target")).IsEquivalentTo([temp.PathText + "/target/good"]);
        await Assert.That(File.Exists("/escape") || File.Exists(Path.GetTempPath() + "escape")).IsFalse();
    }

    [Test]
    public async Task Hostile_root_tree_fails_the_restore_with_a_clear_error()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var root = snapshot.RawTree(HostileTree(snapshot, "QQ", ".."));

        var error = await Assert.ThrowsAsync<AgentException>(() => RestoreHarness.RestoreAsync(snapshot, root, temp));

        await Assert.That(error!.Message).Contains("cannot read directory '/'");
        await Assert.That(Directory.Exists(temp.PathText + "/target")).IsFalse();
    }

    [Test]
    public async Task Chunk_with_a_wrong_key_fails_only_its_file()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var good = snapshot.File("good", RandomBytes(3000, seed: 7), chunkSize: 1000);
        var bad = snapshot.File("bad", RandomBytes(3000, seed: 8), chunkSize: 1000);
        var wrong = bad.Content.ToArray();
        wrong[1] = wrong[1] with { Ref = wrong[1].Ref with { Key = wrong[0].Ref.Key } };
        var root = snapshot.Tree(new TreeNode
        {
            Name = bad.Name, Type = bad.Type, Mode = bad.Mode, MtimeNs = bad.MtimeNs, Size = bad.Size, Content = wrong,
        }, good);

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp);

        await Assert.That(outcome.ExitCode).IsEqualTo(3);
        await Assert.That(outcome.Problems.Single()).StartsWith("'/bad': blob ");
        await Assert.That(outcome.Files).IsEqualTo(1L);
        await Assert.That(File.ReadAllBytes(temp.PathText + "/target/good").SequenceEqual(RandomBytes(3000, seed: 7))).IsTrue();
    }

    [Test]
    public async Task Missing_blob_fails_the_restore()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var file = snapshot.File("file", RandomBytes(3000, seed: 9), chunkSize: 1000);
        snapshot.Source.Remove(file.Content[2].Ref.Id);
        var root = snapshot.Tree(file);

        var error = await Assert.ThrowsAsync<AgentException>(() => RestoreHarness.RestoreAsync(snapshot, root, temp));

        await Assert.That(error!.Message).Contains("not found");
    }

    [Test]
    public async Task Size_that_disagrees_with_the_content_is_reported()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var file = snapshot.File("file", RandomBytes(3000, seed: 10));
        var root = snapshot.Tree(new TreeNode { Name = file.Name, Type = NodeType.File, Size = 4000, Content = file.Content, Mode = 420 });

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp);

        await Assert.That(outcome.Problems.Single()).IsEqualTo("'/file': content is 3000 bytes, the tree says 4000");
    }

    [Test]
    public async Task Include_path_that_is_not_in_the_snapshot_is_an_error()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var root = snapshot.Tree(snapshot.Dir("home", snapshot.File("f", [1])));

        var missing = await Assert.ThrowsAsync<AgentException>(() => RestoreHarness.RestoreAsync(snapshot, root, temp, include: "/home/bob"));
        var throughFile = await Assert.ThrowsAsync<AgentException>(() => RestoreHarness.RestoreAsync(snapshot, root, temp, include: "/home/f/x"));
        var relative = await Assert.ThrowsAsync<AgentException>(() => RestoreHarness.RestoreAsync(snapshot, root, temp, include: "home/../etc"));

        await Assert.That(missing!.Message).IsEqualTo("'/home/bob' is not in the snapshot");
        await Assert.That(throughFile!.Message).IsEqualTo("'/home/f' is not a directory in the snapshot");
        await Assert.That(relative!.Message).Contains("must be absolute");
    }

    [Test]
    public async Task Identical_subtrees_are_fetched_once()
    {
        var snapshot = new SnapshotBuilder();
        var shared = snapshot.Tree(snapshot.File("same", [1, 2, 3]));
        var root = snapshot.Tree(Dir("a", shared), Dir("b", shared), Dir("c", shared));

        var tree = await new TreeLoader(snapshot.Source).LoadAsync(root, [], CancellationToken.None);

        await Assert.That(tree.Count).IsEqualTo(2);
        await Assert.That(snapshot.Source.Requests.Select(r => r.Count)).IsEquivalentTo([1, 1]);
    }

    [Test]
    public async Task Restore_does_not_follow_a_symlink_planted_in_the_target()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/outside");
        Directory.CreateDirectory(temp.PathText + "/target");
        File.CreateSymbolicLink(temp.PathText + "/target/home", temp.PathText + "/outside");
        var snapshot = new SnapshotBuilder();
        var root = snapshot.Tree(snapshot.Dir("home", snapshot.File("f", "inside"u8.ToArray())));

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp);

        await Assert.That(outcome.Problems).IsEmpty();
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText + "/outside")).IsEmpty();
        await Assert.That(new FileInfo(temp.PathText + "/target/home").LinkTarget).IsNull();
        await Assert.That(File.ReadAllText(temp.PathText + "/target/home/f")).IsEqualTo("inside");
    }
}
