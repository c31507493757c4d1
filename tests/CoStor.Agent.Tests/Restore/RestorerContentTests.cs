using CoStor.Agent.FileSystem;
using CoStor.Agent.Tests.FileSystem;
using static CoStor.Agent.Tests.Restore.SnapshotBuilder;

namespace CoStor.Agent.Tests.Restore;

public class RestorerContentTests
{
    [Test]
    public async Task Files_are_restored_byte_exact_under_full_paths_across_many_batches()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var big = RandomBytes(5 * 1024 * 1024 + 123, seed: 1);
        var small = RandomBytes(1000, seed: 2);
        var root = snapshot.Tree(snapshot.Dir("home", snapshot.Dir("ann",
            snapshot.File("big.bin", big, chunkSize: 700_000),
            snapshot.File("empty", []),
            snapshot.Dir("nothing"),
            snapshot.File("small", small))));

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp, batchBytes: 1 << 20);

        await Assert.That(outcome.Problems).IsEmpty();
        await Assert.That(outcome.ExitCode).IsEqualTo(0);
        await Assert.That(outcome.Files).IsEqualTo(3L);
        await Assert.That(outcome.Directories).IsEqualTo(3L);
        await Assert.That(outcome.Bytes).IsEqualTo((long)big.Length + small.Length);
        await Assert.That(File.ReadAllBytes(temp.PathText + "/target/home/ann/big.bin").SequenceEqual(big)).IsTrue();
        await Assert.That(File.ReadAllBytes(temp.PathText + "/target/home/ann/small").SequenceEqual(small)).IsTrue();
        await Assert.That(new FileInfo(temp.PathText + "/target/home/ann/empty").Length).IsEqualTo(0L);
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText + "/target/home/ann/nothing")).IsEmpty();
        // 8 chunks + 1 of ~1 MiB budget each: trees (3 levels) plus several data requests.
        await Assert.That(snapshot.Source.Requests.Count).IsGreaterThan(6);
    }

    [Test]
    public async Task Repeated_chunks_are_fetched_once_per_batch_and_written_each_time()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var block = RandomBytes(64 * 1024, seed: 3);
        var data = Enumerable.Repeat(block, 10).SelectMany(b => b).ToArray();
        var root = snapshot.Tree(snapshot.File("repeats", data, chunkSize: block.Length));

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp);

        await Assert.That(outcome.ExitCode).IsEqualTo(0);
        await Assert.That(File.ReadAllBytes(temp.PathText + "/target/repeats").SequenceEqual(data)).IsTrue();
        var dataRequest = snapshot.Source.Requests[^1];
        await Assert.That(dataRequest.Count).IsEqualTo(1);
    }

    [Test]
    public async Task Sparse_file_keeps_its_holes()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var data = new byte[16 * 1024 * 1024];
        RandomBytes(4096, seed: 4).CopyTo(data, 8 * 1024 * 1024);
        var root = snapshot.Tree(snapshot.File("sparse", data, chunkSize: 4 * 1024 * 1024));

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp);

        var stat = Posix.Lstat(temp.Child("target/sparse"));
        await Assert.That(outcome.ExitCode).IsEqualTo(0);
        await Assert.That(stat.Size).IsEqualTo((long)data.Length);
        await Assert.That(stat.Blocks * 512).IsLessThan(1024L * 1024);
        await Assert.That(File.ReadAllBytes(temp.PathText + "/target/sparse").SequenceEqual(data)).IsTrue();
    }

    [Test]
    public async Task Hardlinks_share_one_inode_across_directories()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var data = RandomBytes(10_000, seed: 5);
        var root = snapshot.Tree(
            snapshot.Dir("a", snapshot.File("first", data, hardlink: 7), snapshot.File("same-dir", data, hardlink: 7)),
            snapshot.Dir("b", snapshot.File("second", data, hardlink: 7)),
            snapshot.File("other", data));

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp);

        var first = Posix.Lstat(temp.Child("target/a/first"));
        var sameDir = Posix.Lstat(temp.Child("target/a/same-dir"));
        var second = Posix.Lstat(temp.Child("target/b/second"));
        var other = Posix.Lstat(temp.Child("target/other"));
        await Assert.That(outcome.Problems).IsEmpty();
        await Assert.That(outcome.Files).IsEqualTo(4L);
        await Assert.That(outcome.Bytes).IsEqualTo(2L * data.Length);
        await Assert.That(second.Inode).IsEqualTo(first.Inode);
        await Assert.That(sameDir.Inode).IsEqualTo(first.Inode);
        await Assert.That(first.LinkCount).IsEqualTo(3UL);
        await Assert.That(other.Inode).IsNotEqualTo(first.Inode);
        await Assert.That(File.ReadAllBytes(temp.PathText + "/target/b/second").SequenceEqual(data)).IsTrue();
    }

    [Test]
    public async Task Dangling_symlink_and_fifo_are_restored()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var root = snapshot.Tree(Symlink("dangling", "/does/not/exist"), Fifo("pipe"), Symlink("rel", "../up"));

        var outcome = await RestoreHarness.RestoreAsync(snapshot, root, temp);

        await Assert.That(outcome.Problems).IsEmpty();
        await Assert.That(System.Text.Encoding.UTF8.GetString(Posix.ReadLink(temp.Child("target/dangling")))).IsEqualTo("/does/not/exist");
        await Assert.That(System.Text.Encoding.UTF8.GetString(Posix.ReadLink(temp.Child("target/rel")))).IsEqualTo("../up");
        await Assert.That(Posix.Lstat(temp.Child("target/pipe")).IsFifo).IsTrue();
        await Assert.That(Posix.Lstat(temp.Child("target/pipe")).Permissions).IsEqualTo(Octal("640"));
        await Assert.That(File.Exists(temp.PathText + "/up")).IsFalse();
    }
}
