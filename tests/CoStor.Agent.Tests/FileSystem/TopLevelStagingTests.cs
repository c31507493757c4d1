using System.Diagnostics;
using CoStor.Agent.FileSystem;
using CoStor.Agent.Restore;
using CoStor.Agent.Tests.Restore;

namespace CoStor.Agent.Tests.FileSystem;

/// <summary>
/// New top-level directories of a restore are built under random names in a staging directory marked as a
/// hierarchy top (chattr +T) and appear under their real names only when finished (RestoreTarget.EnterTopLevel).
/// </summary>
public class TopLevelStagingTests
{
    [Test]
    public async Task A_new_top_level_directory_appears_under_its_name_only_when_published()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        using (var home = target.EnterTopLevel("home"u8))
            home.CreateFile("file"u8).Dispose();
        using (var again = target.EnterTopLevel("home"u8)) // a second writer gets the same staged directory
            again.CreateFile("other"u8).Dispose();

        var whileRestoring = Directory.GetFileSystemEntries(temp.PathText + "/target").Select(Names).ToList();
        var staging = Directory.GetDirectories(temp.PathText + "/target", ".costor-restore-*").Single();
        var marked = HasTopFlag(staging);
        target.Publish("home"u8);

        await Assert.That(whileRestoring.Count).IsEqualTo(1);
        await Assert.That(whileRestoring[0]).StartsWith(".costor-restore-");
        await Assert.That(marked).IsEqualTo(SupportsTopFlag(temp.PathText));
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText + "/target").Select(Names).ToList()).IsEquivalentTo(["home"]);
        await Assert.That(Directory.GetFiles(temp.PathText + "/target/home").Select(Names).Order().ToList()).IsEquivalentTo(["file", "other"]);
    }

    [Test]
    public async Task An_existing_top_level_directory_is_restored_in_place_and_one_in_the_way_is_replaced()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/target/home");
        File.WriteAllText(temp.PathText + "/target/home/kept", "kept");
        File.WriteAllText(temp.PathText + "/target/etc", "a file where a directory belongs");
        using (var target = temp.OpenTarget())
        {
            using (var home = target.EnterTopLevel("home"u8))
                home.CreateFile("new"u8).Dispose();
            using (var etc = target.EnterTopLevel("etc"u8))
                etc.CreateFile("hosts"u8).Dispose();
            target.Publish("home"u8);
            target.Publish("etc"u8);
        }

        await Assert.That(File.ReadAllText(temp.PathText + "/target/home/kept")).IsEqualTo("kept");
        await Assert.That(File.Exists(temp.PathText + "/target/home/new")).IsTrue();
        await Assert.That(File.Exists(temp.PathText + "/target/etc/hosts")).IsTrue();
        await Assert.That(Directory.GetDirectories(temp.PathText + "/target", ".costor-restore-*")).IsEmpty();
    }

    [Test]
    public async Task A_staging_directory_left_by_a_killed_restore_is_removed_by_the_next_one()
    {
        using var temp = new TempDirectory();
        var root = temp.PathText + "/target";
        // What a restore killed mid-way leaves: its staging directory with a half-restored tree, including a
        // symlink to a file outside the target (removed as a link; the file it names stays) and a read-only
        // directory. Beside it: the user's own entries, one of them merely named like a staging directory.
        var abandoned = root + "/.costor-restore-0123456789abcdef";
        Directory.CreateDirectory(abandoned + "/5a5a5a5a5a5a5a5a/deep/er");
        File.WriteAllText(abandoned + "/5a5a5a5a5a5a5a5a/deep/er/file", "partial");
        File.WriteAllText(temp.PathText + "/outside", "not ours");
        File.CreateSymbolicLink(abandoned + "/5a5a5a5a5a5a5a5a/link", temp.PathText + "/outside");
        Directory.CreateSymbolicLink(abandoned + "/5a5a5a5a5a5a5a5a/dirlink", temp.PathText);
        File.SetUnixFileMode(abandoned + "/5a5a5a5a5a5a5a5a/deep", UnixFileMode.UserRead | UnixFileMode.UserExecute);
        Directory.CreateDirectory(root + "/.costor-restore-mine");
        Directory.CreateDirectory(root + "/home");

        using (var target = temp.OpenTarget())
        {
        }

        await Assert.That(Directory.GetFileSystemEntries(root).Select(Names).Order().ToList()).IsEquivalentTo([".costor-restore-mine", "home"]);
        await Assert.That(File.ReadAllText(temp.PathText + "/outside")).IsEqualTo("not ours");
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText).Select(Names).Order().ToList()).IsEquivalentTo(["outside", "target"]);
    }

    [Test]
    public async Task The_staging_directory_of_a_running_restore_is_left_alone()
    {
        using var temp = new TempDirectory();
        using var running = temp.OpenTarget();
        using (var home = running.EnterTopLevel("home"u8))
            home.CreateFile("file"u8).Dispose();

        using (var second = temp.OpenTarget())
        {
        }

        var staging = Directory.GetDirectories(temp.PathText + "/target", ".costor-restore-*");
        await Assert.That(staging.Length).IsEqualTo(1);
        running.Publish("home"u8);
        await Assert.That(File.Exists(temp.PathText + "/target/home/file")).IsTrue();
    }

    [Test]
    public async Task An_interrupted_restore_still_leaves_its_trees_under_their_names()
    {
        using var temp = new TempDirectory();
        using (var target = temp.OpenTarget())
        using (var home = target.EnterTopLevel("home"u8))
            home.CreateFile("partial"u8).Dispose();
        // Disposed without Publish, as when a restore fails midway.

        await Assert.That(File.Exists(temp.PathText + "/target/home/partial")).IsTrue();
        await Assert.That(Directory.GetDirectories(temp.PathText + "/target", ".costor-restore-*")).IsEmpty();
    }

    [Test]
    public async Task A_multi_writer_restore_leaves_no_staging_and_no_mark()
    {
        using var temp = new TempDirectory();
        var snapshot = new SnapshotBuilder();
        var root = snapshot.Tree(
            snapshot.Dir("home", [.. Enumerable.Range(0, 8).Select(i => snapshot.Dir($"user{i}",
                [.. Enumerable.Range(0, 4).Select(j => snapshot.File($"f{j}", SnapshotBuilder.RandomBytes(100, seed: i * 10 + j)))]))]),
            snapshot.Dir("etc", snapshot.File("hosts", "127.0.0.1 localhost\n"u8.ToArray())));
        var restorer = new Restorer(snapshot.Source, new RestoreOptions { Writers = 2 });

        var outcome = await restorer.RestoreAsync(root, null, temp.Child("target"), CancellationToken.None);

        await Assert.That(outcome.ExitCode).IsEqualTo(0);
        await Assert.That(File.ReadAllText(temp.PathText + "/target/etc/hosts")).IsEqualTo("127.0.0.1 localhost\n");
        await Assert.That(Directory.GetFiles(temp.PathText + "/target/home/user7").Length).IsEqualTo(4);
        await Assert.That(Directory.GetFileSystemEntries(temp.PathText + "/target").Select(Names).Order().ToList()).IsEquivalentTo(["etc", "home"]);
        foreach (var directory in Directory.EnumerateDirectories(temp.PathText + "/target", "*", SearchOption.AllDirectories))
            await Assert.That(HasTopFlag(directory)).IsFalse();
    }

    private static string Names(string path) => Path.GetFileName(path);

    /// <summary>ext2/3/4 keep the attribute; other file systems (tmpfs, overlay) refuse it, and the restore only loses the hint.</summary>
    private static bool SupportsTopFlag(string directory) => Run("stat", ["-f", "-c", "%T", directory]).Trim() == "ext2/ext3";

    private static bool HasTopFlag(string directory) =>
        Run("lsattr", ["-d", directory], allowFailure: true).Split(' ', 2)[0].Contains('T', StringComparison.Ordinal);

    private static string Run(string file, string[] arguments, bool allowFailure = false)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !allowFailure)
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
