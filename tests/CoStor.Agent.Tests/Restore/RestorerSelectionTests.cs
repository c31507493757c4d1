using CoStor.Agent.FileSystem;
using CoStor.Agent.Tests.FileSystem;
using CoStor.Core.Trees;
using static CoStor.Agent.Tests.Restore.SnapshotBuilder;

namespace CoStor.Agent.Tests.Restore;

public class RestorerSelectionTests
{
    private static (SnapshotBuilder Snapshot, CoStor.Core.Blobs.BlobRef Root) HomeSnapshot()
    {
        var snapshot = new SnapshotBuilder();
        var root = snapshot.Tree(
            Dir("home", snapshot.Tree(
                Dir("ann", snapshot.Tree(snapshot.File("a.txt", "ann"u8.ToArray()), snapshot.Dir("docs", snapshot.File("d", [1])))),
                Dir("bob", snapshot.Tree(snapshot.File("b.txt", "bob"u8.ToArray())))), mode: "711", mtime: Mtime - 5),
            snapshot.Dir("etc", snapshot.File("passwd", "root"u8.ToArray())));
        return (snapshot, root);
    }

    [Test]
    public async Task Include_restores_only_that_subtree_under_its_full_path()
    {
        using var temp = new TempDirectory();
        var (snapshot, root) = HomeSnapshot();

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp, include: "/home/ann");

        await Assert.That(outcome.Problems).IsEmpty();
        await Assert.That(File.ReadAllText(temp.PathText + "/target/home/ann/a.txt")).IsEqualTo("ann");
        await Assert.That(File.Exists(temp.PathText + "/target/home/ann/docs/d")).IsTrue();
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText + "/target")).IsEquivalentTo([temp.PathText + "/target/home"]);
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText + "/target/home")).IsEquivalentTo([temp.PathText + "/target/home/ann"]);
        var home = Posix.Lstat(temp.Child("target/home"));
        await Assert.That(home.Permissions).IsEqualTo(Octal("711"));
        await Assert.That(home.MtimeNs).IsEqualTo(Mtime - 5);
        await Assert.That(outcome.Directories).IsEqualTo(3L);
    }

    [Test]
    public async Task Include_of_a_single_file_restores_just_that_file()
    {
        using var temp = new TempDirectory();
        var (snapshot, root) = HomeSnapshot();

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp, include: "/home/bob/b.txt/");

        await Assert.That(outcome.Problems).IsEmpty();
        await Assert.That(outcome.Files).IsEqualTo(1L);
        await Assert.That(File.ReadAllText(temp.PathText + "/target/home/bob/b.txt")).IsEqualTo("bob");
        await Assert.That(Directory.Exists(temp.PathText + "/target/home/ann")).IsFalse();
    }

    [Test]
    public async Task Mode_mtime_owner_and_xattrs_are_restored_with_directories_after_their_children()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        Xattr[] xattrs = [new("user.costor", [0, 1, 2, 0xff])];
        var root = snapshot.Tree(
            Dir("locked", snapshot.Tree(snapshot.File("inner", [42], mode: "600", mtime: Mtime + 1)), mode: "555", mtime: Mtime - 1_000_000_007),
            snapshot.File("file", "x"u8.ToArray(), mode: "4750", mtime: Mtime, xattrs: xattrs));
        bool root_ = CoStor.Agent.Restore.ProcessIdentity.IsRoot;

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp, setOwner: root_);

        if (outcome.Problems.Any(p => p.Contains("not supported", StringComparison.OrdinalIgnoreCase)))
            Skip.Test("the temp file system does not support user xattrs");
        await Assert.That(outcome.Problems).IsEmpty();
        var file = Posix.Lstat(temp.Child("target/file"));
        var locked = Posix.Lstat(temp.Child("target/locked"));
        var inner = Posix.Lstat(temp.Child("target/locked/inner"));
        await Assert.That(file.Permissions).IsEqualTo(Octal("4750"));
        await Assert.That(file.MtimeNs).IsEqualTo(Mtime);
        await Assert.That(locked.Permissions).IsEqualTo(Octal("555"));
        await Assert.That(locked.MtimeNs).IsEqualTo(Mtime - 1_000_000_007);
        await Assert.That(inner.Permissions).IsEqualTo(Octal("600"));
        await Assert.That(inner.MtimeNs).IsEqualTo(Mtime + 1);
        var read = Posix.ListXattrs(temp.Child("target/file")).Where(x => x.Name.StartsWith("user.", StringComparison.Ordinal)).ToList();
        await Assert.That(read.Count).IsEqualTo(1);
        await Assert.That(read[0].Name).IsEqualTo("user.costor");
        await Assert.That(read[0].Value.SequenceEqual(xattrs[0].Value)).IsTrue();
        if (root_)
        {
            await Assert.That(file.Uid).IsEqualTo(1001u);
            await Assert.That(file.Gid).IsEqualTo(1002u);
        }
    }
}
