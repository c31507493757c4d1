using System.Net;
using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>SIGTERM (systemd's stop) drains, seals every pack that holds blobs and exits 0.</summary>
public class ShutdownTests
{
    [Test]
    public async Task SIGTERM_seals_the_open_packs_exits_0_and_every_blob_reads_back_after_a_restart()
    {
        using var temp = new TempDirectory();
        var blobs = Enumerable.Range(0, 3).Select(_ => RandomNumberGenerator.GetBytes(100_000)).ToList();
        string state;
        await using (var appliance = await ApplianceProcess.StartAsync(temp.Sub("data")))
        {
            state = await appliance.EnrolAsync(temp.Sub("agent"));
            using var api = AgentApi.As(appliance, state);
            foreach (var blob in blobs)
                await Assert.That((await api.PostAsync("api/v1/blobs", AgentApi.Binary(AgentApi.Frame(BlobType.Data, BlobId.Compute(blob), blob)))).StatusCode)
                    .IsEqualTo(HttpStatusCode.OK);

            await Assert.That(await appliance.TerminateAsync()).IsEqualTo(0);
        }

        var sealedPacks = Directory.EnumerateFiles(Path.Combine(temp.Sub("data"), "packs"), "*.pack", SearchOption.AllDirectories).ToList();
        await Assert.That(sealedPacks.Count).IsEqualTo(1);
        await using var restarted = await ApplianceProcess.StartAsync(temp.Sub("data"));
        using var again = AgentApi.As(restarted, state);
        using var read = await again.PostAsync("api/v1/blobs/read", AgentApi.Binary([.. blobs.SelectMany(b => BlobId.Compute(b).ToArray())]));
        var frames = await read.Content.ReadAsByteArrayAsync();
        await Assert.That(frames.AsSpan().SequenceEqual(blobs.SelectMany(b => AgentApi.Frame(BlobType.Data, BlobId.Compute(b), b)).ToArray())).IsTrue();
    }

    /// <summary>A request still running when the stop comes gets the configured time, then is cut off unacknowledged.</summary>
    [Test]
    public async Task SIGTERM_with_an_upload_stalled_midway_exits_0_within_the_shutdown_timeout()
    {
        using var temp = new TempDirectory();
        var config = Path.Combine(temp.Path, "appliance.toml");
        await File.WriteAllTextAsync(config, "[server]\nshutdown_timeout_seconds = 2\n");
        var kept = RandomNumberGenerator.GetBytes(50_000);
        string state;
        await using (var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"), 0, "--config", config))
        {
            state = await appliance.EnrolAsync(temp.Sub("agent"));
            using var api = AgentApi.As(appliance, state);
            using (var stored = await api.PostAsync("api/v1/blobs", AgentApi.Binary(AgentApi.Frame(BlobType.Data, BlobId.Compute(kept), kept))))
                await Assert.That(stored.StatusCode).IsEqualTo(HttpStatusCode.OK);
            var stalledFrame = AgentApi.Frame(BlobType.Data, BlobId.Compute(kept.AsSpan(0, 40_000)), kept[..40_000]);
            var never = new TaskCompletionSource();
            var stalled = api.PostAsync("api/v1/blobs", new StalledContent(stalledFrame, never.Task));
            await Task.Delay(500);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var exit = await appliance.TerminateAsync();
            await Assert.That(exit).IsEqualTo(0).Because(appliance.Output);
            await Assert.That(clock.Elapsed).IsLessThan(TimeSpan.FromSeconds(20));
            never.SetResult();
            try
            {
                (await stalled).Dispose();
            }
            catch (HttpRequestException)
            {
            }
        }

        await using var restarted = await ApplianceProcess.StartAsync(temp.Sub("data"));
        using var again = AgentApi.As(restarted, state);
        using var read = await again.PostAsync("api/v1/blobs/read", AgentApi.Binary(BlobId.Compute(kept).ToArray()));
        await Assert.That(read.StatusCode).IsEqualTo(HttpStatusCode.OK);
        var frames = await read.Content.ReadAsByteArrayAsync();
        await Assert.That(frames.AsSpan().SequenceEqual(AgentApi.Frame(BlobType.Data, BlobId.Compute(kept), kept))).IsTrue();
    }
}
