using System.Security.Cryptography;
using CoStor.EndToEnd.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CoStor.EndToEnd.Tests.Crash;

/// <summary>
/// kill -9 in the middle of a backup. Of the appliance: the store starts cleanly, every blob the agent had
/// acknowledged and every committed snapshot survive, and the interrupted backup finishes on retry. Of the
/// agent: what it recorded as acknowledged is stored, and the next backup reuses it and completes.
/// </summary>
public class CrashTests
{
    static CrashTests() => SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());

    [Test]
    public async Task Kill_during_backup_loses_nothing_acknowledged_and_the_retry_completes()
    {
        using var temp = new TempDirectory();
        var small = temp.Sub("small");
        Directory.CreateDirectory(small);
        await File.WriteAllTextAsync(Path.Combine(small, "committed.txt"), "committed before the crash");
        var source = await LargeSourceAsync(temp);

        var data = temp.Sub("data");
        var appliance = await ApplianceProcess.StartAsync(data);
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        var committed = (await Tools.AgentAsync("backup", "--state", state, small)).Stdout.Trim();

        // --retry-for 0: this agent gives up when the appliance dies (riding it out is the next test).
        var backup = Tools.AgentAsync("backup", "--state", state, source, "--retry-for", "0");
        await WaitForStoredBlobs(appliance, 10);
        appliance.Kill();
        var interrupted = await backup;
        await Assert.That(interrupted.ExitCode).IsEqualTo(1).Because(interrupted.ToString());
        await Assert.That(interrupted.Stderr).StartsWith("costor-agent:");

        var port = appliance.Port;
        await appliance.DisposeAsync();
        await using var restarted = await ApplianceProcess.StartAsync(data, port);

        // Every blob the agent recorded as acknowledged is indexed and its bytes verify against its id.
        var acknowledged = AcknowledgedBlobs(Path.Combine(state, "blobs.log"));
        await Assert.That(acknowledged.Count).IsGreaterThan(0);
        await Assert.That(VerifiedBlobs(data, acknowledged)).IsEqualTo(acknowledged.Count);

        var retry = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(retry.ExitCode).IsEqualTo(0).Because(retry.ToString());
        var listed = await Tools.AgentAsync("snapshots", "--json", "--state", state);
        await Assert.That(listed.Stdout).Contains(committed).And.Contains(retry.Stdout.Trim());

        await AssertRestoresExactlyAsync(retry.Stdout.Trim(), state, temp.Sub("restore"), source);
    }

    [Test]
    public async Task Backup_and_restore_ride_out_an_appliance_restart()
    {
        using var temp = new TempDirectory();
        var source = await LargeSourceAsync(temp);
        var data = temp.Sub("data");
        var appliance = await ApplianceProcess.StartAsync(data);
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        var port = appliance.Port;

        // kill -9 of the appliance mid-upload; it comes back on the same address while the agent is waiting.
        var backup = Tools.AgentAsync("backup", "--state", state, source);
        await WaitForStoredBlobs(appliance, 10);
        appliance.Kill();
        await appliance.DisposeAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Assert.That(backup.IsCompleted).IsFalse().Because("the agent must still be waiting for the appliance");
        var restarted = await ApplianceProcess.StartAsync(data, port);
        var completed = await backup;
        await Assert.That(completed.ExitCode).IsEqualTo(0).Because(completed.ToString());
        var snapshot = completed.Stdout.Trim();

        // A restore started while the appliance is down waits for it as well.
        await restarted.DisposeAsync();
        var target = temp.Sub("restore");
        var restore = Tools.AgentAsync("restore", snapshot, "--target", target, "--state", state);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Assert.That(restore.IsCompleted).IsFalse().Because("the agent must still be waiting for the appliance");
        await using var again = await ApplianceProcess.StartAsync(data, port);
        var restored = await restore;
        await Assert.That(restored.ExitCode).IsEqualTo(0).Because(restored.ToString());
        await Assert.That(TreeManifest.Of(Path.Combine(target, source.TrimStart('/')))).IsEqualTo(TreeManifest.Of(source));
    }

    [Test]
    public async Task Kill_of_the_agent_during_backup_keeps_what_was_acknowledged_and_the_next_backup_reuses_it()
    {
        using var temp = new TempDirectory();
        var source = await LargeSourceAsync(temp);
        var data = temp.Sub("data");
        await using var appliance = await ApplianceProcess.StartAsync(data);
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        var blobLog = Path.Combine(state, "blobs.log");

        // kill -9 of the agent once the appliance acknowledged a few blobs (as a PC switched off mid-backup).
        using (var agent = System.Diagnostics.Process.Start(Tools.StartInfo(Tools.AgentDll, ["backup", "--state", state, source]))!)
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!agent.HasExited && (!File.Exists(blobLog) || new FileInfo(blobLog).Length < 3 * 97) && DateTime.UtcNow < deadline)
                await Task.Delay(5);
            agent.Kill(entireProcessTree: true);
            await agent.WaitForExitAsync();
            await Assert.That(agent.ExitCode).IsNotEqualTo(0).Because("the backup must still have been running when it was killed");
        }

        // What the agent recorded as acknowledged is on the appliance and verifies against its id.
        var acknowledged = AcknowledgedBlobs(blobLog);
        await Assert.That(acknowledged.Count).IsGreaterThanOrEqualTo(3);
        await Assert.That(VerifiedBlobs(data, acknowledged)).IsEqualTo(acknowledged.Count);

        // The next backup completes, sends only what was not acknowledged, and restores exactly.
        var retry = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(retry.ExitCode).IsEqualTo(0).Because(retry.ToString());
        var snapshot = await Backup.BackupRestoreTests.SnapshotOf(state, retry);
        await Assert.That(snapshot.Stats.Bytes).IsEqualTo(40L << 22);
        await Assert.That(snapshot.Stats.NewBytes).IsLessThan(40L << 22);
        await AssertRestoresExactlyAsync(snapshot.Id, state, temp.Sub("restore"), source);
    }

    /// <summary>40 random 4 MiB files: enough that a backup is still uploading when the test strikes.</summary>
    private static async Task<string> LargeSourceAsync(TempDirectory temp)
    {
        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        for (var i = 0; i < 40; i++)
            await File.WriteAllBytesAsync(Path.Combine(source, $"file{i:00}.bin"), RandomNumberGenerator.GetBytes(4 << 20));
        return source;
    }

    private static async Task AssertRestoresExactlyAsync(string snapshot, string state, string target, string source)
    {
        var restore = await Tools.AgentAsync("restore", snapshot, "--target", target, "--state", state);
        await Assert.That(restore.ExitCode).IsEqualTo(0).Because(restore.ToString());
        await Assert.That(TreeManifest.Of(Path.Combine(target, source.TrimStart('/')))).IsEqualTo(TreeManifest.Of(source));
    }

    private static async Task WaitForStoredBlobs(ApplianceProcess appliance, int count)
    {
        using var client = AgentApi.Scraper(appliance);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var metrics = await client.GetStringAsync("metrics");
            var line = metrics.Split('\n').First(l => l.StartsWith("costor_blobs_stored_total ", StringComparison.Ordinal));
            if (long.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture) >= count)
                return;
            await Task.Delay(20);
        }
        throw new TimeoutException("the backup never got going");
    }

    /// <summary>Blob ids from the agent's blob log (97-byte records: type, hash, id, key).</summary>
    private static List<byte[]> AcknowledgedBlobs(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var ids = new List<byte[]>();
        for (var offset = 0; offset + 97 <= bytes.Length; offset += 97)
            ids.Add(bytes.AsSpan(offset + 33, 32).ToArray());
        return ids;
    }

    private static int VerifiedBlobs(string dataDir, List<byte[]> ids)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "catalogue.db")};Mode=ReadOnly");
        connection.Open();
        var verified = 0;
        foreach (var id in ids)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT p.state, p.name, p.id, b.offset, b.length FROM blobs b JOIN packs p ON p.id = b.pack_id WHERE b.id = $id";
            command.Parameters.AddWithValue("$id", id);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                continue;
            var path = reader.GetString(0) == "sealed"
                ? Path.Combine(dataDir, "packs", reader.GetString(1)[..2], reader.GetString(1) + ".pack")
                : Path.Combine(dataDir, "open", reader.GetInt64(2) + ".open");
            using var pack = File.OpenRead(path);
            var blob = new byte[reader.GetInt32(4)];
            pack.Position = reader.GetInt64(3);
            pack.ReadExactly(blob);
            if (SHA256.HashData(blob).AsSpan().SequenceEqual(id))
                verified++;
        }
        return verified;
    }
}
