using System.Net;
using System.Security.Cryptography;
using System.Text;
using CoStor.Core.Blobs;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>No caller can take the appliance from the others: upload slots per agent, enrolment attempts per address.</summary>
public class FairnessTests
{
    /// <summary>Alone: its four held uploads must all be inside the handler at once, which other suites' load can delay.</summary>
    [Test]
    [NotInParallel]
    public async Task An_agent_holding_its_share_of_slow_uploads_is_refused_more_while_other_agents_upload()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var greedy = await appliance.EnrolAsync(temp.Sub("greedy"), "greedy");
        var other = await appliance.EnrolAsync(temp.Sub("other"), "other");
        using var greedyApi = AgentApi.As(appliance, greedy);
        using var otherApi = AgentApi.As(appliance, other);

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bodies = Enumerable.Range(0, 4).Select(_ => new StalledContent(Frame(RandomNumberGenerator.GetBytes(3_000_000)), release.Task, trickleBytes: 24 * 1024)).ToList();
        var slow = bodies.Select(body => greedyApi.PostAsync("api/v1/blobs", body)).ToList();
        // No probe before all four are in: a probe holds a slot while it runs and could push one of them out.
        await Task.WhenAll(bodies.Select(b => b.FirstHalfSent.Task)).WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(1000);
        HttpResponseMessage? refused = null;
        // Until all four are inside the handler (slow on a loaded machine; they stay there 10 s before the minimum data rate cuts them).
        for (var attempt = 0; attempt < 400 && refused?.StatusCode != HttpStatusCode.TooManyRequests; attempt++)
        {
            refused?.Dispose();
            await Task.Delay(50);
            refused = await greedyApi.PostAsync("api/v1/blobs", Frames(RandomNumberGenerator.GetBytes(1000)));
        }
        await Assert.That(refused!.StatusCode).IsEqualTo(HttpStatusCode.TooManyRequests);
        await Assert.That(refused.Headers.RetryAfter).IsNotNull();
        await Assert.That(await refused.Content.ReadAsStringAsync()).Contains("uploads running");

        using var meanwhile = await otherApi.PostAsync("api/v1/blobs", Frames(RandomNumberGenerator.GetBytes(1000)));
        await Assert.That(meanwhile.StatusCode).IsEqualTo(HttpStatusCode.OK);
        using var session = await otherApi.PostAsync("api/v1/sessions", null);
        await Assert.That(session.StatusCode).IsEqualTo(HttpStatusCode.OK);

        // Released, the held uploads finish; their slots come back and the agent can upload again.
        release.SetResult();
        foreach (var upload in slow)
        {
            try
            {
                (await upload).Dispose();
            }
            catch (HttpRequestException)
            {
            }
        }
        using var afterwards = await greedyApi.PostAsync("api/v1/blobs", Frames(RandomNumberGenerator.GetBytes(1000)));
        await Assert.That(afterwards.StatusCode).IsEqualTo(HttpStatusCode.OK);
    }

    [Test]
    public async Task Enrolment_attempts_are_limited_per_address()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        using var anonymous = AgentApi.Anonymous(appliance);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 31; i++)
        {
            using var reply = await anonymous.PostAsync("api/v1/enrol", new StringContent($$"""{"token":"cst_bogus{{i}}","name":"x","host":"h"}""", Encoding.UTF8, "application/json"));
            statuses.Add(reply.StatusCode);
        }
        await Assert.That(statuses.Take(30).All(s => s == HttpStatusCode.Unauthorized)).IsTrue();
        await Assert.That(statuses[30]).IsEqualTo(HttpStatusCode.TooManyRequests);
    }

    private static ByteArrayContent Frames(byte[] blob) => AgentApi.Binary(Frame(blob));

    private static byte[] Frame(byte[] blob) => AgentApi.Frame(BlobType.Data, BlobId.Compute(blob), blob);
}
