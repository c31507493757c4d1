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
        using var document = System.Text.Json.JsonDocument.Parse(openApi);
        var paths = document.RootElement.GetProperty("paths");
        // Who may call: agent routes name the agent scheme, enrolment none, metrics the scrape token.
        await Assert.That(paths.GetProperty("/api/v1/keys").GetProperty("post").GetProperty("security")[0].TryGetProperty("agent-bearer", out _)).IsTrue();
        await Assert.That(paths.GetProperty("/api/v1/enrol").GetProperty("post").TryGetProperty("security", out _)).IsFalse();
        await Assert.That(paths.GetProperty("/metrics").GetProperty("get").GetProperty("security")[0].TryGetProperty("scrape-token", out _)).IsTrue();
        // Bodies and replies: JSON by schema, binary bodies as octet-stream, refusals as ErrorResponse.
        var enrol = paths.GetProperty("/api/v1/enrol").GetProperty("post");
        await Assert.That(enrol.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString())
            .IsEqualTo("#/components/schemas/EnrolRequest");
        await Assert.That(enrol.GetProperty("responses").GetProperty("401").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString())
            .IsEqualTo("#/components/schemas/ErrorResponse");
        var read = paths.GetProperty("/api/v1/blobs/read").GetProperty("post");
        await Assert.That(read.GetProperty("requestBody").GetProperty("content").GetProperty("application/octet-stream").GetProperty("schema").GetProperty("format").GetString()).IsEqualTo("binary");
        await Assert.That(read.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/octet-stream", out _)).IsTrue();
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
