using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>The endpoints supervisors and integrators rely on.</summary>
public class ServiceEndpointTests
{
    [Test]
    public async Task Health_metrics_and_openapi_are_served()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        using var client = AgentApi.Anonymous(appliance);
        using var scraper = AgentApi.Scraper(appliance);

        await Assert.That(await client.GetStringAsync("healthz")).IsEqualTo("ok\n");
        await Assert.That(await scraper.GetStringAsync("metrics")).Contains("# TYPE costor_blobs_stored_total counter");
        var openApi = await client.GetStringAsync("openapi/v1.json");
        foreach (var path in new[] { "/api/v1/enrol", "/api/v1/keys", "/api/v1/blobs", "/api/v1/blobs/read", "/api/v1/sessions", "/api/v1/snapshots" })
            await Assert.That(openApi).Contains($"\"{path}\"");
    }

    [Test]
    public async Task User_add_reads_the_password_from_stdin_and_refuses_bad_input()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        await Tools.ApplianceAsync("init", "--data", data);

        var added = await Tools.RunWithInputAsync(Tools.ApplianceDll, "a long enough password\n", "user", "add", "ann", "--role", "admin", "--password-stdin", "--data", data);
        await Assert.That(added.ExitCode).IsEqualTo(0).Because(added.ToString());
        var again = await Tools.RunWithInputAsync(Tools.ApplianceDll, "a long enough password\n", "user", "add", "ann", "--role", "admin", "--password-stdin", "--data", data);
        await Assert.That(again.ExitCode).IsEqualTo(1);
        await Assert.That(again.Stderr).Contains("already exists");
        var noStdin = await Tools.ApplianceAsync("user", "add", "bob", "--role", "admin", "--data", data);
        await Assert.That(noStdin.ExitCode).IsEqualTo(1);
        await Assert.That(noStdin.Stderr).Contains("--password-stdin");
        var badRole = await Tools.RunWithInputAsync(Tools.ApplianceDll, "a long enough password", "user", "add", "bob", "--role", "root", "--password-stdin", "--data", data);
        await Assert.That(badRole.ExitCode).IsNotEqualTo(0);
        await Assert.That(badRole.Stderr).Contains("root");
    }

    [Test]
    public async Task Init_prints_only_the_recovery_key_and_fingerprint_prints_only_the_fingerprint()
    {
        using var temp = new TempDirectory();
        var init = await Tools.ApplianceAsync("init", "--data", temp.Sub("data"), "--site", "school");
        await Assert.That(init.ExitCode).IsEqualTo(0);
        await Assert.That(init.Stdout.Trim()).Matches("^[0-9A-Z]{5}(-[0-9A-Z]{1,5}){10}$");
        var again = await Tools.ApplianceAsync("init", "--data", temp.Sub("data"));
        await Assert.That(again.Stdout).IsEmpty();
        await Assert.That(again.Stderr).Contains("already exists");
        var fingerprint = await Tools.ApplianceAsync("fingerprint", "--data", temp.Sub("data"));
        await Assert.That(fingerprint.Stdout.Trim()).Matches("^[0-9a-f]{64}$");
        var recoveryText = await File.ReadAllTextAsync(Path.Combine(temp.Sub("data"), "keyring.recovery"), System.Text.Encoding.Latin1);
        await Assert.That(recoveryText).DoesNotContain(init.Stdout.Trim());
    }
}
