using System.Text;
using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

public partial class PosixTests
{
    private static readonly byte[] NonUtf8Name = [(byte)'x', 0xff, 0xfe, (byte)'y'];

    [Test]
    public async Task Lstat_describes_regular_file_size_mode_and_times()
    {
        using var temp = new TempDirectory();
        var path = temp.Child("file");
        File.WriteAllBytes(temp.PathText + "/file", new byte[1234]);
        File.SetUnixFileMode(temp.PathText + "/file", (UnixFileMode)Convert.ToInt32("640", 8));

        var stat = Posix.Lstat(path);

        await Assert.That(stat.IsRegular).IsTrue();
        await Assert.That(stat.Size).IsEqualTo(1234L);
        await Assert.That(stat.Permissions).IsEqualTo(Convert.ToUInt32("640", 8));
        await Assert.That(stat.LinkCount).IsEqualTo(1UL);
        var expectedMtime = new DateTimeOffset(File.GetLastWriteTimeUtc(temp.PathText + "/file")).ToUnixTimeSeconds();
        await Assert.That(stat.MtimeNs / 1_000_000_000L).IsEqualTo(expectedMtime);
    }

    [Test]
    public async Task Lstat_does_not_follow_symlink_and_fstat_matches_open_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.PathText + "/real", "hello");
        File.CreateSymbolicLink(temp.PathText + "/link", "real");

        var link = Posix.Lstat(temp.Child("link"));
        var real = Posix.Lstat(temp.Child("real"));
        using var handle = Posix.OpenRead(temp.Child("real"));
        var opened = Posix.Fstat(handle);

        await Assert.That(link.IsSymlink).IsTrue();
        await Assert.That(link.Inode).IsNotEqualTo(real.Inode);
        await Assert.That(opened.Inode).IsEqualTo(real.Inode);
        await Assert.That(opened.Device).IsEqualTo(real.Device);
    }

    [Test]
    public async Task Lstat_missing_path_throws_with_errno_and_escaped_path()
    {
        using var temp = new TempDirectory();
        var ex = Assert.Throws<PosixException>(() => Posix.Lstat(temp.Child(NonUtf8Name)));

        await Assert.That(ex.Errno).IsEqualTo(Errno.ENOENT);
        await Assert.That(ex.Path).EndsWith("/x\\xff\\xfey");
        await Assert.That(ex.Message).Contains("No such file or directory");
        await Assert.That(Posix.TryLstat(temp.Child("missing"), out _)).IsEqualTo(Errno.ENOENT);
    }

    [Test]
    public async Task OpenRead_reads_content_and_refuses_symlink()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.PathText + "/real", "hello");
        File.CreateSymbolicLink(temp.PathText + "/link", "real");

        using var handle = Posix.OpenRead(temp.Child("real"));
        var buffer = new byte[16];
        int n = RandomAccess.Read(handle, buffer, 0);
        var ex = Assert.Throws<PosixException>(() => Posix.OpenRead(temp.Child("link")).Dispose());

        await Assert.That(Encoding.ASCII.GetString(buffer, 0, n)).IsEqualTo("hello");
        await Assert.That(ex.Errno).IsEqualTo(Errno.ELOOP);
    }

    [Test]
    public async Task ReadLink_returns_exact_target_bytes()
    {
        using var temp = new TempDirectory();
        using (var target = temp.OpenTarget())
            target.Root.CreateSymlink("link"u8, [.. "../nowhere/"u8, 0xff, (byte)'\n']);

        var bytes = Posix.ReadLink(temp.Child("target/link"));

        await Assert.That(Convert.ToHexString(bytes)).IsEqualTo(Convert.ToHexString([.. "../nowhere/"u8, 0xff, (byte)'\n']));
    }

    [Test]
    public async Task ReadLink_handles_targets_longer_than_the_first_buffer()
    {
        using var temp = new TempDirectory();
        var longTarget = Encoding.ASCII.GetBytes(string.Join('/', Enumerable.Repeat("abcdefghij", 300)));
        using (var target = temp.OpenTarget())
            target.Root.CreateSymlink("link"u8, longTarget);

        var bytes = Posix.ReadLink(temp.Child("target/link"));

        await Assert.That(bytes.Length).IsEqualTo(longTarget.Length);
        await Assert.That(bytes.AsSpan().SequenceEqual(longTarget)).IsTrue();
    }

    [Test]
    public async Task ListDirectory_returns_raw_names_sorted_by_bytes_without_dot_entries()
    {
        using var temp = new TempDirectory();
        using (var target = temp.OpenTarget())
        {
            foreach (var name in new[] { NonUtf8Name, "b"u8.ToArray(), "a b"u8.ToArray(), "line\nbreak"u8.ToArray(), "Z"u8.ToArray() })
                target.Root.CreateFile(name).Dispose();
            target.Root.CreateDirectory("dir"u8).Dispose();
        }

        var names = Posix.ListDirectory(temp.Child("target")).Select(Convert.ToHexString).ToList();

        string[] expected = [.. new[] { "Z"u8.ToArray(), "a b"u8.ToArray(), "b"u8.ToArray(), "dir"u8.ToArray(), "line\nbreak"u8.ToArray(), NonUtf8Name }
            .Select(Convert.ToHexString)];
        await Assert.That(names).IsEquivalentTo(expected, TUnit.Assertions.Enums.CollectionOrdering.Matching);
    }

    [Test]
    public async Task VisitDirectory_with_stats_describes_each_entry_as_lstat_does_without_following_symlinks()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/d/sub");
        File.WriteAllBytes(temp.PathText + "/d/file", new byte[777]);
        File.CreateSymbolicLink(temp.PathText + "/d/dangling", "nowhere");
        File.CreateSymbolicLink(temp.PathText + "/d/tosub", "sub");
        var dir = temp.Child("d");

        var entries = new List<(byte[] Name, int Errno, PosixStat Stat)>();
        Posix.VisitDirectory(dir, statEntries: true, (name, errno, in stat) => entries.Add((name, errno, stat)));

        await Assert.That(entries.Select(e => Encoding.UTF8.GetString(e.Name)).Order(StringComparer.Ordinal).ToArray())
            .IsEquivalentTo(new[] { "dangling", "file", "sub", "tosub" }, TUnit.Assertions.Enums.CollectionOrdering.Matching);
        foreach (var (name, errno, stat) in entries)
        {
            await Assert.That(errno).IsEqualTo(0);
            await Assert.That(stat).IsEqualTo(Posix.Lstat([.. dir, (byte)'/', .. name]));
        }
        await Assert.That(entries.Single(e => e.Name.SequenceEqual("tosub"u8.ToArray())).Stat.IsSymlink).IsTrue();
        await Assert.That(entries.Single(e => e.Name.SequenceEqual("file"u8.ToArray())).Stat.Size).IsEqualTo(777);
    }

    [Test]
    public async Task The_xattr_probe_never_calls_an_entry_with_xattrs_bare_and_does_not_follow_symlinks()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/d");
        File.WriteAllBytes(temp.PathText + "/d/tagged", [1]);
        File.WriteAllBytes(temp.PathText + "/d/plain", [2]);
        File.CreateSymbolicLink(temp.PathText + "/d/to-tagged", "tagged");
        await Assert.That(SetXattr(temp.PathText + "/d/tagged", "user.colour", "blue"u8.ToArray(), 4, 0)).IsEqualTo(0);

        var noXattrs = new Dictionary<string, bool>();
        Posix.VisitDirectoryWithXattrProbe(temp.Child("d"), (name, errno, in _, bare) => noXattrs[Encoding.UTF8.GetString(name)] = bare);

        // Always: an entry with xattrs is never reported bare (it would lose them).
        await Assert.That(noXattrs["tagged"]).IsFalse();
        // Where the kernel has listxattrat (6.13+), the others are known bare without a path lookup; the symlink is
        // asked about itself, not its target.
        if (Environment.OSVersion.Version >= new Version(6, 13))
        {
            await Assert.That(noXattrs["plain"]).IsTrue();
            await Assert.That(noXattrs["to-tagged"]).IsTrue();
        }
    }

    [Test]
    public async Task ListDirectory_refuses_a_symlink_to_a_directory()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/dir");
        File.CreateSymbolicLink(temp.PathText + "/link", "dir");

        var ex = Assert.Throws<PosixException>(() => Posix.ListDirectory(temp.Child("link")));

        // With O_DIRECTORY|O_NOFOLLOW Linux reports a symlink as ENOTDIR (ELOOP without O_DIRECTORY).
        await Assert.That(ex.Errno is Errno.ENOTDIR or Errno.ELOOP).IsTrue();
    }

    [Test]
    public async Task GetDataRanges_finds_the_data_region_of_a_sparse_file()
    {
        using var temp = new TempDirectory();
        using (var file = File.OpenHandle(temp.PathText + "/sparse", FileMode.CreateNew, FileAccess.Write))
        {
            RandomAccess.Write(file, new byte[4096].Select(_ => (byte)7).ToArray(), 1 << 20);
            RandomAccess.SetLength(file, 10 << 20);
        }
        using var handle = Posix.OpenRead(temp.Child("sparse"));

        var ranges = Posix.GetDataRanges(handle, 10 << 20);

        await Assert.That(ranges.Count).IsEqualTo(1);
        await Assert.That(ranges[0].Offset).IsEqualTo(1L << 20);
        await Assert.That(ranges[0].Length).IsEqualTo(4096L);
    }

    [Test]
    public async Task GetDataRanges_of_a_dense_file_is_the_whole_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp.PathText + "/dense", Enumerable.Repeat((byte)1, 10000).ToArray());
        using var handle = Posix.OpenRead(temp.Child("dense"));

        var ranges = Posix.GetDataRanges(handle, 10000);

        await Assert.That(ranges.Count).IsEqualTo(1);
        await Assert.That(ranges[0]).IsEqualTo((0L, 10000L));
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "setxattr", StringMarshalling = System.Runtime.InteropServices.StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetXattr(string path, string name, byte[] value, nuint size, int flags);
}
