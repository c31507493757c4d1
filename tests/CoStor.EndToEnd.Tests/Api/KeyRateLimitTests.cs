using System.Net;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>The key endpoint's limits, configured in the TOML, refuse with 429 and Retry-After.</summary>
public class KeyRateLimitTests
{
    [Test]
    public async Task Keys_beyond_the_configured_burst_get_429_with_retry_after()
    {
        using var temp = new TempDirectory();
        var config = Path.Combine(temp.Path, "appliance.toml");
        await File.WriteAllTextAsync(config, "[limits]\nkey_requests_per_minute = 60\nkey_burst = 8192\nkey_requests_per_day = 8192\n");
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"), 0, "--config", config);
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        using var api = AgentApi.As(appliance, state);

        using var granted = await api.PostAsync("api/v1/keys", AgentApi.Binary(new byte[8192 * 32]));
        using var refused = await api.PostAsync("api/v1/keys", AgentApi.Binary(new byte[32]));

        await Assert.That(granted.StatusCode).IsEqualTo(HttpStatusCode.OK);
        await Assert.That((await granted.Content.ReadAsByteArrayAsync()).Length).IsEqualTo(8192 * 32);
        await Assert.That(refused.StatusCode).IsEqualTo(HttpStatusCode.TooManyRequests);
        await Assert.That(refused.Headers.RetryAfter?.Delta).IsNotNull();
        await Assert.That(await refused.Content.ReadAsStringAsync()).Contains("key request rate exceeded");
    }
}
