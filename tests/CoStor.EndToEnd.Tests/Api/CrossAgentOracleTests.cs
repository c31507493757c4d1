using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>
/// No reply tells an agent whether another PC already holds a blob it uploads (docs/protocol.md, "What an
/// agent can learn"), and /metrics is only for the scrape token.
/// </summary>
public class CrossAgentOracleTests
{
    private const int BlobLength = 1 << 20;

    [Test]
    public async Task Uploading_a_blob_another_agent_holds_gets_the_same_reply_as_a_new_one_and_both_are_committed()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var alice = await appliance.EnrolAsync(temp.Sub("alice"), "alice");
        var bob = await appliance.EnrolAsync(temp.Sub("bob"), "bob");
        using var aliceApi = AgentApi.As(appliance, alice);
        using var bobApi = AgentApi.As(appliance, bob);

        var held = RandomNumberGenerator.GetBytes(BlobLength);
        var fresh = RandomNumberGenerator.GetBytes(BlobLength);
        var first = await aliceApi.PostAsync("api/v1/blobs", Frames(held));
        await Assert.That(first.StatusCode).IsEqualTo(HttpStatusCode.OK);

        using var heldReply = await bobApi.PostAsync("api/v1/blobs", Frames(held));
        using var freshReply = await bobApi.PostAsync("api/v1/blobs", Frames(fresh));
        await Assert.That(heldReply.StatusCode).IsEqualTo(freshReply.StatusCode);
        await Assert.That(Headers(heldReply)).IsEquivalentTo(Headers(freshReply));
        var heldBody = await heldReply.Content.ReadAsByteArrayAsync();
        var freshBody = await freshReply.Content.ReadAsByteArrayAsync();
        await Assert.That(heldBody.AsSpan().SequenceEqual(freshBody)).IsTrue();
        await Assert.That(System.Text.Encoding.UTF8.GetString(heldBody)).Contains("\"stored\":1");

        // Only what bob itself uploaded before counts as known.
        using var again = await bobApi.PostAsync("api/v1/blobs", Frames(held));
        await Assert.That(await again.Content.ReadAsStringAsync()).Contains("\"known\":1");

        // Both are bob's now: readable byte for byte and committed in his snapshot.
        using var read = await bobApi.PostAsync("api/v1/blobs/read", AgentApi.Binary([.. BlobId.Compute(held).ToArray(), .. BlobId.Compute(fresh).ToArray()]));
        await Assert.That(read.StatusCode).IsEqualTo(HttpStatusCode.OK);
        var frames = await read.Content.ReadAsByteArrayAsync();
        await Assert.That(frames.AsSpan().SequenceEqual([.. Frame(held), .. Frame(fresh)])).IsTrue();

        var snapshot = await CommitAsync(bobApi, bob, [held, fresh]);
        await Assert.That(snapshot.StatusCode).IsEqualTo(HttpStatusCode.OK).Because(await snapshot.Content.ReadAsStringAsync());
        var listed = await bobApi.GetStringAsync("api/v1/snapshots");
        await Assert.That(listed).Contains("\"status\":\"complete\"");
    }

    [Test]
    public async Task Metrics_need_the_scrape_token_and_refuse_anonymous_and_agent_callers()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var agent = await appliance.EnrolAsync(temp.Sub("agent"));
        using var anonymous = AgentApi.Anonymous(appliance);
        using var asAgent = AgentApi.As(appliance, agent);
        using var scraper = AgentApi.Scraper(appliance);

        using var refusedAnonymous = await anonymous.GetAsync("metrics");
        await Assert.That(refusedAnonymous.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
        await Assert.That(refusedAnonymous.Headers.WwwAuthenticate.ToString()).StartsWith("Bearer");
        await Assert.That(await refusedAnonymous.Content.ReadAsStringAsync()).DoesNotContain("costor_");
        using var refusedAgent = await asAgent.GetAsync("metrics");
        await Assert.That(refusedAgent.StatusCode).IsEqualTo(HttpStatusCode.Unauthorized);
        await Assert.That(await scraper.GetStringAsync("metrics")).Contains("costor_blobs_stored_total");
        await Assert.That(await anonymous.GetStringAsync("healthz")).IsEqualTo("ok\n");

        // The CLI prints the same token, and the token file is the owner's alone.
        var printed = await Tools.ApplianceAsync("metrics", "token", "--data", appliance.DataDir);
        await Assert.That(printed.ExitCode).IsEqualTo(0);
        await Assert.That(printed.Stdout.Trim()).IsEqualTo((await File.ReadAllTextAsync(Path.Combine(appliance.DataDir, "metrics.token"))).Trim());
        await Assert.That(File.GetUnixFileMode(Path.Combine(appliance.DataDir, "metrics.token")))
            .IsEqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    private static ByteArrayContent Frames(byte[] blob) => AgentApi.Binary(Frame(blob));

    private static byte[] Frame(byte[] blob) => AgentApi.Frame(BlobType.Data, BlobId.Compute(blob), blob);

    /// <summary>Every response header but the date, which differs by the second.</summary>
    private static List<string> Headers(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").Select(h => $"{h.Key}: {string.Join(",", h.Value)}")];

    /// <summary>Commits a snapshot of one file whose chunks are <paramref name="chunks"/>, as the agent would.</summary>
    private static async Task<HttpResponseMessage> CommitAsync(HttpClient api, string state, IReadOnlyList<byte[]> chunks)
    {
        var identity = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(state, "agent.json")), AgentJsonContext.Default.AgentIdentity)!;
        var file = new TreeNode
        {
            Name = "file"u8.ToArray(), Type = NodeType.File, Mode = 0x1a4, Size = chunks.Sum(c => (long)c.Length),
            Content = [.. chunks.Select(c => new ChunkRef(new BlobRef(BlobId.Compute(c), BlobKey.Read(new byte[BlobKey.Length])), c.Length))],
        };
        var tree = BlobSealer.Seal(TreeCodec.Encode([file]), Convert.FromBase64String(identity.MetadataKey));
        using var upload = await api.PostAsync("api/v1/blobs", AgentApi.Binary(AgentApi.Frame(BlobType.Tree, tree.Ref.Id, tree.Blob)));
        await Assert.That(upload.StatusCode).IsEqualTo(HttpStatusCode.OK);
        var session = await (await api.PostAsync("api/v1/sessions", null)).Content.ReadFromJsonAsync(ProtocolJsonContext.Default.SessionResponse);
        var request = new CommitRequest(session!.SessionId, "bob-pc", ["/data"], new BlobRefDto(tree.Ref.Id.ToString(), tree.Ref.Key.ToString()),
            new SnapshotStats(1, 0, file.Size, 2, 2 * BlobLength), []);
        return await api.PostAsync("api/v1/snapshots", JsonContent.Create(request, ProtocolJsonContext.Default.CommitRequest));
    }
}
