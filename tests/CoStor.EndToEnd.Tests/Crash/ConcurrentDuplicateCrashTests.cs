using System.Net;
using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Crash;

/// <summary>
/// Thirty PCs from one image back up the same new chunks at the same moment: several agents upload one new
/// 4 MiB blob at once (in batches of their own, with other blobs around it), and the appliance is killed with
/// -9 at a random point. Every round it must start again, and at the end every blob any agent was told is
/// stored reads back, byte for byte, to that agent.
/// </summary>
public class ConcurrentDuplicateCrashTests
{
    /// <summary>Rounds per run: COSTOR_CRASH_ROUNDS, default 10 (CI); 50 for a thorough run.</summary>
    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("COSTOR_CRASH_ROUNDS"), out var rounds) ? rounds : 10;

    [Test]
    public async Task Kill_during_concurrent_identical_uploads_never_stops_the_restart_and_loses_nothing_acknowledged()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var random = new Random(20261204);
        var acknowledged = new Dictionary<string, HashSet<BlobId>>();
        string[] states;
        await using (var first = await ApplianceProcess.StartAsync(data))
            states = [await first.EnrolAsync(temp.Sub("a"), "a"), await first.EnrolAsync(temp.Sub("b"), "b"), await first.EnrolAsync(temp.Sub("c"), "c")];
        foreach (var state in states)
            acknowledged[state] = [];

        for (var round = 0; round < Rounds; round++)
        {
            await using var appliance = await ApplianceProcess.StartAsync(data);
            var shared = RandomNumberGenerator.GetBytes(4 << 20);
            var uploads = states.Select((state, i) => UploadAsync(appliance, state, i switch
            {
                0 => [shared],
                1 => [shared, RandomNumberGenerator.GetBytes(1 << 20)],
                _ => [RandomNumberGenerator.GetBytes(1 << 20), shared],
            }, acknowledged[state])).ToList();
            // Odd rounds: at a random moment; even rounds: just after the first reply, while the others are mid-way.
            if (round % 2 == 1)
                await Task.Delay(random.Next(0, 400));
            else
                await Task.WhenAny(Task.WhenAny(uploads), Task.Delay(TimeSpan.FromSeconds(30)));
            appliance.Kill();
            await Task.WhenAll(uploads);
        }

        await using var last = await ApplianceProcess.StartAsync(data);
        foreach (var state in states)
        {
            if (acknowledged[state].Count == 0)
                continue;
            using var api = AgentApi.As(last, state);
            using var read = await api.PostAsync("api/v1/blobs/read", AgentApi.Binary([.. acknowledged[state].SelectMany(id => id.ToArray())]));
            await Assert.That(read.StatusCode).IsEqualTo(HttpStatusCode.OK).Because(await read.Content.ReadAsStringAsync());
            var frames = await read.Content.ReadAsByteArrayAsync();
            await Assert.That(FrameIds(frames)).IsEquivalentTo(acknowledged[state]);
        }
        await Assert.That(acknowledged.Values.Sum(ids => ids.Count)).IsGreaterThan(0);
    }

    /// <summary>Uploads one batch; on a 200 the blobs count as acknowledged to this agent. A killed appliance is no error here.</summary>
    private static async Task UploadAsync(ApplianceProcess appliance, string state, byte[][] blobs, HashSet<BlobId> acknowledged)
    {
        try
        {
            using var api = AgentApi.As(appliance, state);
            using var reply = await api.PostAsync("api/v1/blobs", AgentApi.Binary([.. blobs.SelectMany(b => AgentApi.Frame(BlobType.Data, BlobId.Compute(b), b))]));
            if (reply.StatusCode == HttpStatusCode.OK)
                lock (acknowledged)
                    acknowledged.UnionWith(blobs.Select(b => BlobId.Compute(b)));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
        }
    }

    /// <summary>The ids of a frame stream's blobs, each checked against the SHA-256 of its bytes.</summary>
    private static List<BlobId> FrameIds(byte[] frames)
    {
        var ids = new List<BlobId>();
        for (var offset = 0; offset < frames.Length;)
        {
            var length = BitConverter.ToInt32(frames, offset + 1);
            var id = BlobId.Read(frames.AsSpan(offset + 5, BlobId.Length));
            var blob = frames.AsSpan(offset + 5 + BlobId.Length, length);
            if (BlobId.Compute(blob) != id)
                throw new InvalidDataException($"blob {id} read back with other bytes");
            ids.Add(id);
            offset += 5 + BlobId.Length + length;
        }
        return ids;
    }
}
