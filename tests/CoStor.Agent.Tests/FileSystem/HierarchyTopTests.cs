using System.Diagnostics;
using CoStor.Agent.Restore;
using CoStor.Agent.Tests.Restore;

namespace CoStor.Agent.Tests.FileSystem;

/// <summary>
/// The "top of a directory hierarchy" attribute (FS_TOPDIR_FL, chattr +T) a restore sets on the directories it
/// creates directly below the target, so ext4 places the restored tree in block groups of its own.
/// </summary>
public class HierarchyTopTests
{
    [Test]
    public async Task A_created_top_directory_is_marked_while_restoring_and_unmarked_after()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        using var top = target.Root.CreateDirectory("home"u8, out var created);

        target.BeginNewHierarchy(top);
        var marked = HasTopFlag(temp.PathText + "/target/home");
        target.EndNewHierarchy(top);

        await Assert.That(created).IsTrue();
        await Assert.That(marked).IsEqualTo(SupportsTopFlag(temp.PathText));
        await Assert.That(HasTopFlag(temp.PathText + "/target/home")).IsFalse();
    }

    [Test]
    public async Task An_existing_mark_set_by_someone_else_is_left_in_place()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/target/home");
        var supported = SupportsTopFlag(temp.PathText);
        if (supported)
            Run("chattr", "+T", temp.PathText + "/target/home");
        using var target = temp.OpenTarget();
        using var top = target.Root.CreateDirectory("home"u8, out var created);

        target.BeginNewHierarchy(top);
        target.EndNewHierarchy(top);

        await Assert.That(created).IsFalse();
        await Assert.That(HasTopFlag(temp.PathText + "/target/home")).IsEqualTo(supported);
    }

    [Test]
    public async Task A_multi_writer_restore_leaves_no_directory_marked()
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
        foreach (var directory in Directory.EnumerateDirectories(temp.PathText + "/target", "*", SearchOption.AllDirectories))
            await Assert.That(HasTopFlag(directory)).IsFalse();
    }

    /// <summary>ext2/3/4 keep the attribute; other file systems (tmpfs, overlay) refuse it, and the restore only loses the hint.</summary>
    private static bool SupportsTopFlag(string directory) => Run("stat", "-f", "-c", "%T", directory).Trim() == "ext2/ext3";

    private static bool HasTopFlag(string directory)
    {
        var output = Run("lsattr", ["-d", directory], allowFailure: true);
        return output.Split(' ', 2)[0].Contains('T', StringComparison.Ordinal);
    }

    private static string Run(string file, params string[] arguments) => Run(file, arguments, allowFailure: false);

    private static string Run(string file, string[] arguments, bool allowFailure)
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
