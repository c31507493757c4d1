// Reply times of single-blob uploads by agent B of (held) a blob agent A uploaded just before and (new) a blob
// nobody holds, alternating which goes first. Both kinds must take the same durable path, so their
// distributions must overlap (docs/protocol.md, "What an agent can learn").
// usage: costor-bench-oracle URL STATE_A STATE_B [ROUNDS=200] [BLOB_BYTES=1048576]
// prints per kind: n, median, p10, p90 (ms), then whether each median lies inside the other's p10–p90.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;

var url = args[0];
var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 200;
var length = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1 << 20;
using var alice = Client(url, args[1]);
using var bob = Client(url, args[2]);
var times = new Dictionary<string, List<double>> { ["held"] = [], ["new"] = [] };

const int warmup = 10;
for (var round = -warmup; round < rounds; round++)
{
    var held = RandomNumberGenerator.GetBytes(length);
    var fresh = RandomNumberGenerator.GetBytes(length);
    await UploadAsync(alice, held);
    var order = round % 2 == 0 ? new[] { ("held", held), ("new", fresh) } : [("new", fresh), ("held", held)];
    foreach (var (kind, blob) in order)
    {
        var elapsed = await UploadAsync(bob, blob);
        if (round >= 0)
            times[kind].Add(elapsed);
    }
}

foreach (var (kind, list) in times)
    Console.WriteLine(FormattableString.Invariant($"{kind,-5} n={list.Count} median={Percentile(list, 50):F2} ms p10={Percentile(list, 10):F2} ms p90={Percentile(list, 90):F2} ms"));
bool Inside(string a, string b) => Percentile(times[a], 50) >= Percentile(times[b], 10) && Percentile(times[a], 50) <= Percentile(times[b], 90);
Console.WriteLine($"overlap: held median inside new p10-p90: {Inside("held", "new")}; new median inside held p10-p90: {Inside("new", "held")}");
return Inside("held", "new") && Inside("new", "held") ? 0 : 1;

static HttpClient Client(string url, string state)
{
    using var identity = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(state, "agent.json")));
    var root = identity.RootElement;
    // Loopback to the appliance this benchmark started; its CA is not what is measured here.
    var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { BaseAddress = new Uri(url) };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{root.GetProperty("agentId").GetString()}.{root.GetProperty("credential").GetString()}");
    return client;
}

static async Task<double> UploadAsync(HttpClient client, byte[] blob)
{
    var frame = new byte[FrameHeader.Length + blob.Length];
    FrameHeader.Write(frame, BlobType.Data, blob.Length, BlobId.Compute(blob));
    blob.CopyTo(frame, FrameHeader.Length);
    using var content = new ByteArrayContent(frame);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    var clock = Stopwatch.StartNew();
    using var response = await client.PostAsync("api/v1/blobs", content);
    await response.Content.ReadAsByteArrayAsync();
    var elapsed = clock.Elapsed.TotalMilliseconds;
    response.EnsureSuccessStatusCode();
    return elapsed;
}

static double Percentile(List<double> values, int percent)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
