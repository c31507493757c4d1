using System.Text.Json;
using CoStor.Agent.State;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>An agent pins the appliance's CA from the token alone, refuses to enrol with nothing to pin, and keeps checking its pin.</summary>
public class EnrolmentPinningTests
{
    [Test]
    public async Task A_token_alone_pins_the_appliance_and_a_token_naming_another_ca_is_refused()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var token = await appliance.CreateTokenAsync();
        await Assert.That(token).Matches($"^cst_{appliance.Fingerprint[..20]}_[0-9a-f]{{40}}$");

        var elsewhere = "cst_" + new string('0', 20) + token[24..];
        var refused = await Tools.AgentAsync("enrol", "--state", temp.Sub("wrong"), "--appliance", appliance.Url, "--token", elsewhere);
        await Assert.That(refused.ExitCode).IsEqualTo(1);
        await Assert.That(refused.Stderr).Contains("the token was made by a site whose CA starts 00000000000000000000");
        await Assert.That(File.Exists(Path.Combine(temp.Sub("wrong"), "agent.json"))).IsFalse();

        var enrolled = await Tools.AgentAsync("enrol", "--state", temp.Sub("agent"), "--appliance", appliance.Url, "--token", token);
        await Assert.That(enrolled.ExitCode).IsEqualTo(0).Because(enrolled.ToString());
        var identity = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(temp.Sub("agent"), "agent.json")), AgentJsonContext.Default.AgentIdentity)!;
        await Assert.That(identity.Fingerprint).IsEqualTo(appliance.Fingerprint);
    }

    [Test]
    public async Task Enrolment_with_nothing_to_pin_is_refused_and_saves_nothing()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));

        var bare = await Tools.AgentAsync("enrol", "--state", temp.Sub("agent"), "--appliance", appliance.Url, "--token", "cst_" + new string('1', 40));

        await Assert.That(bare.ExitCode).IsEqualTo(1);
        await Assert.That(bare.Stderr).Contains("give --fingerprint");
        await Assert.That(File.Exists(Path.Combine(temp.Sub("agent"), "agent.json"))).IsFalse();
    }

    [Test]
    public async Task A_ca_file_swapped_after_enrolment_is_refused_on_the_next_start()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        await using var other = await ApplianceProcess.StartAsync(temp.Sub("other"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        using (var anonymous = AgentApi.Anonymous(other))
            await File.WriteAllTextAsync(Path.Combine(state, "ca.pem"), await anonymous.GetStringAsync("api/v1/ca"));

        var listed = await Tools.AgentAsync("snapshots", "--state", state);

        await Assert.That(listed.ExitCode).IsEqualTo(1);
        await Assert.That(listed.Stderr).Contains("is not the CA pinned at enrolment");
    }
}
