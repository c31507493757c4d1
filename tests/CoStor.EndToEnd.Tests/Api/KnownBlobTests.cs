using System.Net;
using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>The appliance's filter of known blob ids: after a restart it knows every stored blob, and new ones skip the index.</summary>
public class KnownBlobTests
{
    [Test]
    public async Task Blobs_stored_before_a_restart_are_known_after_it_and_new_ones_skip_the_index()
    {
        using var temp = new TempDirectory();
        var blobs = Enumerable.Range(0, 300).Select(_ => RandomNumberGenerator.GetBytes(200)).ToList();
        byte[] Frames(IEnumerable<byte[]> items) => [.. items.SelectMany(b => AgentApi.Frame(BlobType.Data, BlobId.Compute(b), b))];
        string state;
        await using (var first = await ApplianceProcess.StartAsync(temp.Sub("data")))
        {
            state = await first.EnrolAsync(temp.Sub("agent"));
            using var api = AgentApi.As(first, state);
            var stored = await api.PostAsync("api/v1/blobs", AgentApi.Binary(Frames(blobs)));
            await Assert.That(await stored.Content.ReadAsStringAsync()).Contains("\"stored\":300");
            first.Kill();
        }

        await using var second = await ApplianceProcess.StartAsync(temp.Sub("data"));
        using var client = AgentApi.As(second, state);
        using var scraper = AgentApi.Scraper(second);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await scraper.GetStringAsync("metrics")).Contains("costor_known_id_filter_loaded 1") && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        await Assert.That(await scraper.GetStringAsync("metrics")).Contains("costor_known_id_filter_loaded 1");

        var fresh = RandomNumberGenerator.GetBytes(200);
        var again = await client.PostAsync("api/v1/blobs", AgentApi.Binary(Frames([.. blobs, fresh])));
        await Assert.That(again.StatusCode).IsEqualTo(HttpStatusCode.OK);
        var result = await again.Content.ReadAsStringAsync();
        await Assert.That(result).Contains("\"stored\":1");
        await Assert.That(result).Contains("\"known\":300");
        await Assert.That(await scraper.GetStringAsync("metrics")).Matches(@"costor_index_probes_skipped_total [1-9]");
    }
}
