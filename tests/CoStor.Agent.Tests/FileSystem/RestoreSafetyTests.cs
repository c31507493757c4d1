using System.Text;
using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

/// <summary>Hostile names and pre-existing symlinks must never make restore write outside its target.</summary>
public class RestoreSafetyTests
{
    public static IEnumerable<Func<byte[]>> HostileNames() =>
    [
        () => ".."u8.ToArray(),
        () => "."u8.ToArray(),
        () => "a/b"u8.ToArray(),
        () => "/etc"u8.ToArray(),
        () => [],
        () => [(byte)'a', 0, (byte)'b'],
        () => Enumerable.Repeat((byte)'n', 256).ToArray(),
    ];

    [Test]
    [MethodDataSource(nameof(HostileNames))]
    public async Task Every_creating_call_rejects_hostile_name(byte[] name)
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        var root = target.Root;
        root.CreateFile("ok"u8).Dispose();

        Action[] calls =
        [
            () => root.CreateDirectory(name).Dispose(),
            () => root.CreateFile(name).Dispose(),
            () => root.CreateSymlink(name, "x"u8),
            () => root.CreateFifo(name, 420),
            () => root.CreateHardlink(name, root, "ok"u8),
            () => root.CreateHardlink("new"u8, root, name),
            () => root.ApplyMetadata(name, 420, 0, 0, 0, [], setOwner: false),
        ];
        foreach (var call in calls)
        {
            var ex = Assert.Throws<UnsafeNameException>(call);
            await Assert.That(ex.Message).StartsWith("refusing entry name '");
        }
        // Nothing but the one file was created, inside or beside the target.
        await Assert.That(Posix.ListDirectory(temp.Child("target")).Count).IsEqualTo(1);
        await Assert.That(Posix.ListDirectory(temp.Path).Count).IsEqualTo(1);
    }

    [Test]
    public async Task Rejection_message_names_the_reason()
    {
        var ex = Assert.Throws<UnsafeNameException>(() => EntryName.Validate(Enumerable.Repeat((byte)'n', 256).ToArray()));

        await Assert.That(ex.Reason).IsEqualTo("256 bytes, more than 255");
        await Assert.That(EntryName.Check("a/b"u8.ToArray())).IsEqualTo("contains '/'");
        await Assert.That(EntryName.Check(".."u8.ToArray())).IsEqualTo("'.' and '..' are not entry names");
        await Assert.That(EntryName.Check(Enumerable.Repeat((byte)'n', 255).ToArray())).IsNull();
    }

    [Test]
    public async Task Existing_symlink_is_replaced_by_directory_not_followed()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/outside");
        Directory.CreateDirectory(temp.PathText + "/target");
        File.CreateSymbolicLink(temp.PathText + "/target/evil", temp.PathText + "/outside");

        using (var target = temp.OpenTarget())
        using (var evil = target.Root.CreateDirectory("evil"u8))
            evil.CreateFile("payload"u8).Dispose();

        await Assert.That(Posix.ListDirectory(temp.Child("outside")).Count).IsEqualTo(0);
        await Assert.That(Posix.Lstat(temp.Child("target/evil")).IsDirectory).IsTrue();
        await Assert.That(Posix.Lstat(temp.Child("target/evil/payload")).IsRegular).IsTrue();
    }

    [Test]
    public async Task Existing_symlink_is_replaced_by_file_not_written_through()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.PathText + "/outside", "precious");
        Directory.CreateDirectory(temp.PathText + "/target");
        File.CreateSymbolicLink(temp.PathText + "/target/evil", temp.PathText + "/outside");

        using (var target = temp.OpenTarget())
        using (var file = target.Root.CreateFile("evil"u8))
            RandomAccess.Write(file, "overwritten"u8, 0);

        await Assert.That(File.ReadAllText(temp.PathText + "/outside")).IsEqualTo("precious");
        await Assert.That(Posix.Lstat(temp.Child("target/evil")).IsRegular).IsTrue();
        await Assert.That(File.ReadAllText(temp.PathText + "/target/evil")).IsEqualTo("overwritten");
    }

    [Test]
    public async Task Existing_hardlink_to_outside_file_is_unlinked_not_written_through()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.PathText + "/outside", "precious");
        using (var whole = RestoreTarget.Open(temp.Path, create: false))
        using (var dir = whole.Root.CreateDirectory("target"u8))
            dir.CreateHardlink("evil"u8, whole.Root, "outside"u8);
        await Assert.That(Posix.Lstat(temp.Child("outside")).LinkCount).IsEqualTo(2UL);

        using (var target = temp.OpenTarget())
        using (var file = target.Root.CreateFile("evil"u8))
            RandomAccess.Write(file, "overwritten"u8, 0);

        await Assert.That(File.ReadAllText(temp.PathText + "/outside")).IsEqualTo("precious");
        await Assert.That(Posix.Lstat(temp.Child("outside")).LinkCount).IsEqualTo(1UL);
    }

    [Test]
    public async Task Metadata_on_symlink_changes_the_link_not_its_target()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.PathText + "/outside", "precious");
        File.SetUnixFileMode(temp.PathText + "/outside", (UnixFileMode)Convert.ToInt32("644", 8));
        var before = Posix.Lstat(temp.Child("outside"));

        using (var target = temp.OpenTarget())
        {
            target.Root.CreateSymlink("evil"u8, Encoding.UTF8.GetBytes(temp.PathText + "/outside"));
            target.Root.ApplyMetadata("evil"u8, Convert.ToUInt32("777", 8), 1234, 1234, 1_000_000_123, [], setOwner: true);
        }

        var after = Posix.Lstat(temp.Child("outside"));
        var link = Posix.Lstat(temp.Child("target/evil"));
        await Assert.That(after).IsEqualTo(before);
        await Assert.That(link.Uid).IsEqualTo(1234u);
        await Assert.That(link.MtimeNs).IsEqualTo(1_000_000_123L);
    }

    [Test]
    public async Task Non_empty_directory_in_place_of_a_file_is_an_error_not_deleted()
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.PathText + "/target/busy");
        File.WriteAllText(temp.PathText + "/target/busy/keep", "x");

        using var target = temp.OpenTarget();
        var ex = Assert.Throws<PosixException>(() => target.Root.CreateFile("busy"u8).Dispose());

        await Assert.That(ex.Errno).IsEqualTo(Errno.ENOTEMPTY);
        await Assert.That(ex.Path).IsEqualTo("busy");
        await Assert.That(File.Exists(temp.PathText + "/target/busy/keep")).IsTrue();
    }
}
