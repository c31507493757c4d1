using System.Diagnostics;
using System.Runtime.InteropServices;
using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

/// <summary>
/// What a restored file is known to have when it is created (so that fchown and fchmod that would change nothing
/// are left out) must be what the kernel really gave it — in a plain directory, a setgid one, and one with a
/// default ACL, where the umask does not apply. The tests run as root.
/// </summary>
public partial class NewFileStateTests
{
    [Test]
    public async Task In_a_plain_directory_the_state_is_the_files_real_owner_and_mode()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        using var directory = target.Root.CreateDirectory("d"u8);

        using var first = directory.CreateFile("first"u8, 0x1A4 /* 0644 */, null, out var firstState);
        using var second = directory.CreateFile("second"u8, 0x1ED /* 0755 */, null, out var secondState);

        foreach (var (handle, state) in new[] { (first, firstState), (second, secondState) })
        {
            var stat = Posix.Fstat(handle);
            await Assert.That(state).IsEqualTo(new NewFileState(stat.Uid, stat.Gid, stat.Permissions));
        }
    }

    [Test]
    public async Task In_a_setgid_directory_the_group_is_the_directorys_and_metadata_still_sets_the_snapshots()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        using var directory = SetgidDirectory(temp, target, "2770");

        using var file = directory.CreateFile("f"u8, 0x1A0 /* 0640 */, null, out var state);
        var created = Posix.Fstat(file);
        OpenFileMetadata.Apply(file, "d/f"u8.ToArray(), 0x1A0, 0, 0, 0, [], setOwner: true, state);
        var restored = Posix.Fstat(file);

        await Assert.That(state.Gid).IsEqualTo(4242u);
        await Assert.That(created.Gid).IsEqualTo(4242u);
        await Assert.That(restored.Gid).IsEqualTo(0u);
        await Assert.That(restored.Permissions).IsEqualTo(0x1A0u);
    }

    [Test]
    public async Task A_file_that_changes_owner_is_created_with_its_owners_bits_only()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        using var directory = SetgidDirectory(temp, target, "2775");

        // The first file teaches the directory's defaults (owner 0:4242 here); until then nothing is assumed.
        using var first = directory.CreateFile("first"u8, 0x1A4 /* 0644 */, (0, 4242), out _);
        using var givenAway = directory.CreateFile("given-away"u8, 0x1A4, (1000, 1000), out var givenAwayState);
        using var kept = directory.CreateFile("kept"u8, 0x1A4, (0, 4242), out var keptState);

        await Assert.That(Posix.Fstat(first).Permissions).IsEqualTo(0x180u).Because("owner bits only while the owner is unknown");
        await Assert.That(Posix.Fstat(givenAway).Permissions).IsEqualTo(0x180u).Because("its group 4242 must not read it half-written");
        await Assert.That(givenAwayState.Mode).IsEqualTo(0x180u);
        await Assert.That(Posix.Fstat(kept).Permissions).IsEqualTo(0x1A4u & ~(CoStor.Agent.FileSystem.ProcessCredentials.Umask ?? 0));
        await Assert.That(keptState.Mode).IsEqualTo(Posix.Fstat(kept).Permissions);
    }

    [Test]
    public async Task Under_a_default_acl_the_mode_is_unknown_and_metadata_sets_it()
    {
        using var temp = new TempDirectory();
        using var target = temp.OpenTarget();
        using (target.Root.CreateDirectory("d"u8)) { }
        // Default ACL user::rwx group::rwx other::rwx — it replaces the umask for files created below.
        byte[] acl = [2, 0, 0, 0, .. Entry(0x01, 7), .. Entry(0x04, 7), .. Entry(0x20, 7)];
        await Assert.That(SetXattr(temp.PathText + "/target/d", "system.posix_acl_default", acl, (nuint)acl.Length, 0)).IsEqualTo(0);
        using var directory = target.Root.CreateDirectory("d"u8);

        using var file = directory.CreateFile("f"u8, 0x1B6 /* 0666 */, null, out var state);
        var created = Posix.Fstat(file);
        OpenFileMetadata.Apply(file, "d/f"u8.ToArray(), 0x1A0 /* 0640 */, 0, 0, 0, [], setOwner: true, state);
        var restored = Posix.Fstat(file);

        await Assert.That(state.Mode).IsNull();
        await Assert.That(created.Permissions).IsEqualTo(0x1B6u).Because("the default ACL, not the umask, decided the mode");
        await Assert.That(restored.Permissions).IsEqualTo(0x1A0u);
    }

    /// <summary>Directory "d" in the target, group 4242 with the setgid bit (<paramref name="mode"/>, octal), opened for restoring.</summary>
    private static RestoreDirectory SetgidDirectory(TempDirectory temp, RestoreTarget target, string mode)
    {
        using (target.Root.CreateDirectory("d"u8)) { }
        Run("chown", "0:4242", temp.PathText + "/target/d");
        Run("chmod", mode, temp.PathText + "/target/d");
        return target.Root.CreateDirectory("d"u8);
    }

    private static byte[] Entry(ushort tag, ushort permissions) =>
        [.. BitConverter.GetBytes(tag), .. BitConverter.GetBytes(permissions), .. BitConverter.GetBytes(uint.MaxValue)];

    private static void Run(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} failed");
    }

    [LibraryImport("libc", EntryPoint = "setxattr", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int SetXattr(string path, string name, byte[] value, nuint size, int flags);
}
