using System.Text.RegularExpressions;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// A peer site's files as the replication engine leaves them on a holder (docs/replication.md, "On disk"):
/// <c>keyring.recovery</c>, <c>ca.crt</c>, <c>checkpoint</c> and <c>packs/xx/NAME.pack</c>, copied from the owner.
/// </summary>
public static partial class PeerFiles
{
    /// <summary>The recovery key a first start printed.</summary>
    public static string RecoveryKeyOf(ApplianceProcess appliance) => RecoveryLine().Match(appliance.Output) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("no recovery key in the appliance's output");

    /// <summary>
    /// Stops <paramref name="owner"/> (sealing its packs) and starts it once more so its first check writes a checkpoint
    /// holding everything so far, stops it again, then copies what a peer holds into <paramref name="peer"/>.
    /// </summary>
    public static async Task PlaceAsync(ApplianceProcess owner, string peer)
    {
        var checkpoint = Path.Combine(owner.DataDir, "checkpoint/latest");
        var before = await File.ReadAllBytesAsync(checkpoint);
        await owner.TerminateAsync();
        await using (var again = await ApplianceProcess.StartAsync(owner.DataDir))
        {
            for (var i = 0; i < 300 && (await File.ReadAllBytesAsync(checkpoint)).AsSpan().SequenceEqual(before); i++)
                await Task.Delay(100);
            await again.TerminateAsync();
        }
        Directory.CreateDirectory(peer);
        foreach (var pack in Directory.EnumerateFiles(Path.Combine(owner.DataDir, "packs"), "*.pack", SearchOption.AllDirectories))
        {
            var target = Path.Combine(peer, "packs", Path.GetFileName(Path.GetDirectoryName(pack))!, Path.GetFileName(pack));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(pack, target);
        }
        File.Copy(Path.Combine(owner.DataDir, "keyring.recovery"), Path.Combine(peer, "keyring.recovery"));
        File.Copy(checkpoint, Path.Combine(peer, "checkpoint"));
        File.Copy(Path.Combine(owner.DataDir, "ca.crt"), Path.Combine(peer, "ca.crt"));
    }

    [GeneratedRegex(@"recovery key: (\S+)")]
    private static partial Regex RecoveryLine();
}
