using System.Security.Cryptography;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Restore;

/// <summary>A blob damaged in the appliance's store is caught on restore: reported, never written as good data.</summary>
public class CorruptionTests
{
    [Test]
    public async Task A_flipped_byte_in_a_pack_fails_that_file_and_restores_the_rest()
    {
        using var temp = new TempDirectory();
        var source = Directory.CreateDirectory(temp.Sub("src")).FullName;
        var damaged = RandomNumberGenerator.GetBytes(3 << 20); // incompressible: the pack holds it as is
        var intact = "a small file that must still be restored\n"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(source, "damaged.bin"), damaged);
        await File.WriteAllBytesAsync(Path.Combine(source, "intact.txt"), intact);
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());

        // Flip one byte in the middle of the pack that holds the 3 MiB file (the largest pack file).
        var pack = Directory.EnumerateFiles(appliance.DataDir, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".pack", StringComparison.Ordinal) || p.EndsWith(".open", StringComparison.Ordinal))
            .MaxBy(p => new FileInfo(p).Length)!;
        await using (var file = new FileStream(pack, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            file.Position = file.Length / 2;
            var b = file.ReadByte();
            file.Position = file.Length / 2;
            file.WriteByte((byte)(b ^ 0x01));
        }

        var target = temp.Sub("restore");
        var restore = await Tools.AgentAsync("restore", backup.Stdout.Trim(), "--target", target, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(3).Because(restore.ToString());
        await Assert.That(restore.Stderr).Contains("damaged.bin");
        var restored = Path.Combine(target, source.TrimStart('/'));
        await Assert.That((await File.ReadAllBytesAsync(Path.Combine(restored, "intact.txt"))).SequenceEqual(intact)).IsTrue();
        var damagedPath = Path.Combine(restored, "damaged.bin");
        if (File.Exists(damagedPath))
            await Assert.That((await File.ReadAllBytesAsync(damagedPath)).SequenceEqual(damaged)).IsFalse();
    }
}
