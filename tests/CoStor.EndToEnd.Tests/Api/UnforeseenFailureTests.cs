using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>
/// Failures no endpoint foresees — storage damaged under the running appliance. Before a reply has begun
/// (the packs behind a snapshot deleted) the request gets a JSON 500 that names it, and the appliance's log
/// holds the details under that request id; once frames are on their way (a pack cut short) the connection
/// is closed so the agent sees a broken reply, never a wrong one. Either way the appliance goes on serving.
/// </summary>
public class UnforeseenFailureTests
{
    [Test]
    public async Task Missing_pack_answers_500_naming_the_request_and_the_appliance_keeps_serving()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var (state, snapshot) = await BackUpOneFileAsync(temp, appliance);

        PacksOf(appliance).ForEach(File.Delete);
        var restore = await Tools.AgentAsync("restore", snapshot, "--target", temp.Sub("restore"), "--state", state);
        var snapshots = await Tools.AgentAsync("snapshots", "--state", state);

        await Assert.That(restore.ExitCode).IsEqualTo(1).Because(restore.ToString());
        await Assert.That(restore.Stderr).Contains("(500)").And.Contains("in its log").Because(appliance.Output);
        var requestId = RequestIdIn(restore.Stderr);
        await Assert.That(appliance.Output).Contains(requestId).Because("the log names the failed request");
        await Assert.That(snapshots.ExitCode).IsEqualTo(0).Because(snapshots.ToString());
        await Assert.That(snapshots.Stdout).Contains(snapshot[..8]);
    }

    [Test]
    public async Task Pack_cut_short_mid_reply_closes_the_connection_and_the_appliance_keeps_serving()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var (state, snapshot) = await BackUpOneFileAsync(temp, appliance);

        foreach (var pack in PacksOf(appliance))
        {
            using var file = new FileStream(pack, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.SetLength(0);
        }
        var target = temp.Sub("restore");
        // A broken connection is what a restarting appliance looks like too, so the agent tries again; a
        // short --retry-for lets it give up quickly on damage that stays.
        var restore = await Tools.AgentAsync("restore", snapshot, "--target", target, "--state", state, "--retry-for", "2");
        var snapshots = await Tools.AgentAsync("snapshots", "--state", state);

        await Assert.That(restore.ExitCode).IsEqualTo(1).Because(restore.ToString());
        await Assert.That(restore.Stderr).Contains("closed the connection").And.DoesNotContain("restored");
        await Assert.That(appliance.Output).Contains("connection closed");
        await Assert.That(Directory.Exists(target) && Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Any()).IsFalse()
            .Because("nothing half-read may be left as if restored");
        await Assert.That(snapshots.ExitCode).IsEqualTo(0).Because(snapshots.ToString());
    }

    private static async Task<(string State, string Snapshot)> BackUpOneFileAsync(TempDirectory temp, ApplianceProcess appliance)
    {
        var source = await temp.SourceWithAsync("file.bin", System.Security.Cryptography.RandomNumberGenerator.GetBytes(300_000));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        if (backup.ExitCode != 0)
            throw new InvalidOperationException($"backup failed: {backup}");
        return (state, backup.Stdout.Trim());
    }

    /// <summary>Sealed (*.pack) and still-open (*.open) packs alike: a small backup's blobs sit in an open one.</summary>
    private static List<string> PacksOf(ApplianceProcess appliance)
    {
        var packs = Directory.EnumerateFiles(appliance.DataDir, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".pack", StringComparison.Ordinal) || f.EndsWith(".open", StringComparison.Ordinal)).ToList();
        return packs.Count > 0 ? packs : throw new InvalidOperationException("the backup left no pack files");
    }

    /// <summary>The request id the 500 message names ("… request ID in its log …").</summary>
    private static string RequestIdIn(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"request (\S+) in its log");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"no request id in: {message}");
    }
}
