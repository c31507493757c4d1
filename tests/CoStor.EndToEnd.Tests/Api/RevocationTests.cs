using System.Text.Json;
using CoStor.Agent.State;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary><c>costor-appliance agent list | revoke</c>: a revoked PC's next request is refused, saying why.</summary>
public class RevocationTests
{
    [Test]
    public async Task A_revoked_agent_is_refused_with_a_clear_message_and_its_snapshots_stay()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"), "pc-12");
        var source = temp.Sub("source");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "kept");
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        var agentId = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(state, "agent.json")), AgentJsonContext.Default.AgentIdentity)!.AgentId;

        var listed = await Tools.ApplianceAsync("agent", "list", "--data", appliance.DataDir);
        await Assert.That(listed.ExitCode).IsEqualTo(0);
        await Assert.That(listed.Stdout).Contains(agentId).And.Contains("pc-12").And.Contains("active");

        var unknown = await Tools.ApplianceAsync("agent", "revoke", "0000000000000000", "--data", appliance.DataDir);
        await Assert.That(unknown.ExitCode).IsEqualTo(1);
        await Assert.That(unknown.Stderr).Contains("no agent with id");
        var revoked = await Tools.ApplianceAsync("agent", "revoke", agentId, "--data", appliance.DataDir);
        await Assert.That(revoked.ExitCode).IsEqualTo(0).Because(revoked.ToString());

        var refused = await Tools.AgentAsync("snapshots", "--state", state);
        await Assert.That(refused.ExitCode).IsEqualTo(1);
        await Assert.That(refused.Stderr).Contains("was revoked on");
        var after = await Tools.ApplianceAsync("agent", "list", "--data", appliance.DataDir);
        await Assert.That(after.Stdout).Contains("revoked 20");
        await Assert.That(after.Stdout).DoesNotContain("never");
    }
}
