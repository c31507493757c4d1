using System.Text;
using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

public class RestoreDirectoryTests
{
    private static readonly uint Mode0640 = Convert.ToUInt32("640", 8);
    private const long MtimeNs = 1_700_000_000_123_456_789L;

    [Test]
    public async Task File_content_and_metadata_are_restored_with_ns_mtime_and_owner()
    {
        using var temp = new TempDirectory();
        using (var target = temp.OpenTarget())
        {
            using (var file = target.Root.CreateFile("file"u8))
                RandomAccess.Write(file, "content"u8, 0);
            target.Root.ApplyMetadata("file"u8, Mode0640 | Convert.ToUInt32("4000", 8), 1001, 1002, MtimeNs, [], setOwner: true);
            target.Root.CreateFile("empty"u8).Dispose();
            target.Root.ApplyMetadata("empty"u8, 0, 0, 0, -1_500_000_000L, [], setOwner: false);
        }

        var stat = Posix.Lstat(temp.Child("target/file"));
        var empty = Posix.Lstat(temp.Child("target/empty"));

        await Assert.That(File.ReadAllText(temp.PathText + "/target/file")).IsEqualTo("content");
        await Assert.That(stat.Permissions).IsEqualTo(Convert.ToUInt32("4640", 8)); // setuid survives chown
        await Assert.That(stat.Uid).IsEqualTo(1001u);
        await Assert.That(stat.Gid).IsEqualTo(1002u);
        await Assert.That(stat.MtimeNs).IsEqualTo(MtimeNs);
        await Assert.That(empty.Size).IsEqualTo(0L);
        await Assert.That(empty.Permissions).IsEqualTo(0u);
        await Assert.That(empty.MtimeNs).IsEqualTo(-1_500_000_000L); // before 1970 too
    }

    [Test]
    public async Task Directory_metadata_applied_after_children_keeps_mode_and_mtime()
    {
        using var temp = new TempDirectory();
        using (var target = temp.OpenTarget())
        {
            using (var dir = target.Root.CreateDirectory("dir"u8))
            using (var sub = dir.CreateDirectory("sub"u8))
            {
                sub.CreateFile("leaf"u8).Dispose();
                dir.ApplyMetadata("sub"u8, Convert.ToUInt32("555", 8), 0, 0, MtimeNs - 1, [], setOwner: false);
            }
            target.Root.ApplyMetadata("dir"u8, Convert.ToUInt32("750", 8), 0, 0, MtimeNs, [], setOwner: false);
        }

        var dirStat = Posix.Lstat(temp.Child("target/dir"));
        var subStat = Posix.Lstat(temp.Child("target/dir/sub"));
        await Assert.That(dirStat.IsDirectory).IsTrue();
        await Assert.That(dirStat.Permissions).IsEqualTo(Convert.ToUInt32("750", 8));
        await Assert.That(dirStat.MtimeNs).IsEqualTo(MtimeNs);
        await Assert.That(subStat.Permissions).IsEqualTo(Convert.ToUInt32("555", 8));
        await Assert.That(subStat.MtimeNs).IsEqualTo(MtimeNs - 1);
    }

    [Test]
    public async Task Existing_directory_is_reused_by_CreateDirectory()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/target/dir");
        File.WriteAllText(temp.PathText + "/target/dir/old", "x");

        using (var target = temp.OpenTarget())
        using (var dir = target.Root.CreateDirectory("dir"u8))
            dir.CreateFile("new"u8).Dispose();

        await Assert.That(Posix.ListDirectory(temp.Child("target/dir")).Count).IsEqualTo(2);
    }

    [Test]
    public async Task Symlinks_keep_exact_targets_including_dangling_ones()
    {
        using var temp = new TempDirectory();
        byte[] dangling = [.. "/does/not/exist/"u8, 0xff];
        using (var target = temp.OpenTarget())
        {
            target.Root.CreateSymlink("dangling"u8, dangling);
            target.Root.CreateSymlink("relative"u8, "sub dir/file"u8);
            target.Root.ApplyMetadata("dangling"u8, 0, 0, 0, MtimeNs, [], setOwner: true);
        }

        var stat = Posix.Lstat(temp.Child("target/dangling"));
        await Assert.That(stat.IsSymlink).IsTrue();
        await Assert.That(stat.MtimeNs).IsEqualTo(MtimeNs);
        await Assert.That(Convert.ToHexString(Posix.ReadLink(temp.Child("target/dangling")))).IsEqualTo(Convert.ToHexString(dangling));
        await Assert.That(Encoding.UTF8.GetString(Posix.ReadLink(temp.Child("target/relative")))).IsEqualTo("sub dir/file");
    }

    [Test]
    public async Task Hardlink_shares_the_inode_across_directories()
    {
        using var temp = new TempDirectory();
        using (var target = temp.OpenTarget())
        using (var a = target.Root.CreateDirectory("a"u8))
        using (var b = target.Root.CreateDirectory("b"u8))
        {
            using (var file = a.CreateFile("first"u8))
                RandomAccess.Write(file, "shared"u8, 0);
            b.CreateHardlink("second"u8, a, "first"u8);
        }

        var first = Posix.Lstat(temp.Child("target/a/first"));
        var second = Posix.Lstat(temp.Child("target/b/second"));
        await Assert.That(second.Inode).IsEqualTo(first.Inode);
        await Assert.That(second.LinkCount).IsEqualTo(2UL);
    }

    [Test]
    public async Task Fifo_is_created_with_its_mode()
    {
        using var temp = new TempDirectory();
        using (var target = temp.OpenTarget())
        {
            target.Root.CreateFifo("pipe"u8, Mode0640);
            target.Root.ApplyMetadata("pipe"u8, Mode0640, 0, 0, MtimeNs, [], setOwner: false);
        }

        var stat = Posix.Lstat(temp.Child("target/pipe"));
        await Assert.That(stat.IsFifo).IsTrue();
        await Assert.That(stat.Permissions).IsEqualTo(Mode0640);
        await Assert.That(stat.MtimeNs).IsEqualTo(MtimeNs);
    }

    public static IEnumerable<Func<byte[]>> OddNames() =>
    [
        () => "with space"u8.ToArray(),
        () => "new\nline"u8.ToArray(),
        () => [0xff, 0xfe],
        () => Enumerable.Repeat((byte)'L', 255).ToArray(),
        () => "-leading-dash"u8.ToArray(),
        () => "\\backslash\t"u8.ToArray(),
    ];

    [Test]
    [MethodDataSource(nameof(OddNames))]
    public async Task Odd_but_valid_names_are_restored_byte_for_byte(byte[] name)
    {
        using var temp = new TempDirectory();
        using (var target = temp.OpenTarget())
        {
            using (var dir = target.Root.CreateDirectory(name))
                dir.CreateFile(name).Dispose();
            if (name.Length < EntryName.MaxLength)
                target.Root.CreateSymlink([.. name, (byte)'s'], name);
        }

        var names = Posix.ListDirectory(temp.Child("target"));
        var inner = Posix.ListDirectory([.. temp.Child("target"), (byte)'/', .. name]);
        await Assert.That(names.Count).IsEqualTo(name.Length == 255 ? 1 : 2);
        await Assert.That(Convert.ToHexString(names[0])).IsEqualTo(Convert.ToHexString(name));
        await Assert.That(Convert.ToHexString(inner.Single())).IsEqualTo(Convert.ToHexString(name));
    }

    [Test]
    public async Task Xattrs_round_trip_in_user_namespace()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        target.Root.CreateFile("probe"u8).Dispose();
        try
        {
            target.Root.ApplyMetadata("probe"u8, 420, 0, 0, 0, [("user.probe", [1])], setOwner: false);
        }
        catch (PosixException e) when (e.Errno == Errno.ENOTSUP)
        {
            Skip.Test("the temp file system does not support user xattrs");
        }

        (string, byte[])[] xattrs = [("user.b", [0, 1, 2, 0xff]), ("user.a", "text"u8.ToArray()), ("user.empty", [])];
        target.Root.CreateFile("file"u8).Dispose();
        target.Root.ApplyMetadata("file"u8, 420, 0, 0, 0, xattrs, setOwner: false);
        target.Root.CreateSymlink("link"u8, "file"u8);
        target.Root.ApplyMetadata("link"u8, 0, 0, 0, 0, xattrs, setOwner: false); // user.* skipped on symlinks

        var read = Posix.ListXattrs(temp.Child("target/file"));
        await Assert.That(string.Join(",", read.Select(x => x.Name + "=" + Convert.ToHexString(x.Value))))
            .IsEqualTo("user.a=74657874,user.b=000102FF,user.empty=");
        await Assert.That(Posix.ListXattrs(temp.Child("target/link")).Count).IsEqualTo(0);
    }
}
