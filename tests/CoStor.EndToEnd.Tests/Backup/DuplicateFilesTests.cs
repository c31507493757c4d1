using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Backup;

/// <summary>
/// Copies of a file take their original's chunks (agent DuplicateFiles); files that only share its size, and
/// copies that change between backups, are read as themselves. Every restore must still be exact.
/// </summary>
public class DuplicateFilesTests
{
    private const int Size = 3 * 1024 * 1024 + 17;

    [Test]
    public async Task Copies_and_same_sized_files_restore_exactly_in_a_first_and_a_later_backup()
    {
        using var temp = new TempDirectory();
        var source = temp.Sub("src");
        Directory.CreateDirectory(Path.Combine(source, "dir"));
        var original = Bytes(seed: 1);
        var nearTwin = (byte[])original.Clone();
        nearTwin[Size / 2] ^= 0x40;
        await File.WriteAllBytesAsync(Path.Combine(source, "original.bin"), original);
        await File.WriteAllBytesAsync(Path.Combine(source, "dir", "copy.bin"), original);
        await File.WriteAllBytesAsync(Path.Combine(source, "dir", "near-twin.bin"), nearTwin);
        await File.WriteAllBytesAsync(Path.Combine(source, "same-size.bin"), Bytes(seed: 2));
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));

        var first = await Tools.AgentAsync("backup", "--state", state, source);

        await Assert.That(first.ExitCode).IsEqualTo(0).Because(first.ToString());
        await AssertRestoresExactly(temp, state, first.Stdout.Trim(), source, "restore-1");

        // Next backup: the copy rewritten with other bytes of the same size and a new copy of those, beside the
        // unchanged original the metadata cache knows.
        await File.WriteAllBytesAsync(Path.Combine(source, "dir", "copy.bin"), Bytes(seed: 3));
        await File.WriteAllBytesAsync(Path.Combine(source, "dir", "new-copy.bin"), Bytes(seed: 3));

        var second = await Tools.AgentAsync("backup", "--state", state, source);

        await Assert.That(second.ExitCode).IsEqualTo(0).Because(second.ToString());
        await AssertRestoresExactly(temp, state, second.Stdout.Trim(), source, "restore-2");
    }

    private static async Task AssertRestoresExactly(TempDirectory temp, string state, string snapshot, string source, string name)
    {
        var target = temp.Sub(name);
        var restore = await Tools.AgentAsync("restore", snapshot, "--target", target, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        await Assert.That(TreeManifest.Of(Path.Combine(target, source.TrimStart('/')))).IsEqualTo(TreeManifest.Of(source));
    }

    private static byte[] Bytes(int seed)
    {
        var bytes = new byte[Size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
