using System.Net;
using System.Security.Cryptography;
using System.Text;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>Every bad request gets a clear 4xx with a message and changes nothing.</summary>
public class BadInputTests
{
    [Test]
    public async Task Bad_requests_are_refused_with_a_message_and_store_nothing()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        using var api = AgentApi.As(appliance, state);
        using var anonymous = AgentApi.Anonymous(appliance);

        // Unknown agent / no credential.
        await ExpectError(await anonymous.PostAsync("api/v1/keys", AgentApi.Binary(new byte[32])), HttpStatusCode.Unauthorized, "unknown agent");
        using (var wrong = AgentApi.Anonymous(appliance))
        {
            wrong.DefaultRequestHeaders.Authorization = new("Bearer", "0011223344556677.nope");
            await ExpectError(await wrong.GetAsync("api/v1/snapshots"), HttpStatusCode.Unauthorized, "unknown agent");
        }

        // Enrolment: malformed JSON, unknown token, reused token.
        await ExpectError(await anonymous.PostAsync("api/v1/enrol", new StringContent("{not json", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "malformed JSON");
        await ExpectError(await anonymous.PostAsync("api/v1/enrol", Json("""{"token":"cst_nope","name":"x","host":"h"}""")), HttpStatusCode.Unauthorized, "not valid");
        var token = await appliance.CreateTokenAsync();
        var ok = await anonymous.PostAsync("api/v1/enrol", Json($$"""{"token":"{{token}}","name":"x","host":"h"}"""));
        await Assert.That(ok.StatusCode).IsEqualTo(HttpStatusCode.OK);
        await ExpectError(await anonymous.PostAsync("api/v1/enrol", Json($$"""{"token":"{{token}}","name":"y","host":"h"}""")), HttpStatusCode.Unauthorized, "already used");

        // Keys: not a multiple of 32 bytes, empty.
        await ExpectError(await api.PostAsync("api/v1/keys", AgentApi.Binary(new byte[33])), HttpStatusCode.BadRequest, "32-byte");
        await ExpectError(await api.PostAsync("api/v1/keys", AgentApi.Binary([])), HttpStatusCode.BadRequest, "32-byte");

        // Uploads: a good frame followed by a bad one stores neither.
        var good = RandomBlob(1000);
        var goodFrame = Frame(BlobType.Data, BlobId.Compute(good), good);
        var wrongId = Frame(BlobType.Data, BlobId.Compute(RandomBlob(10)), RandomBlob(1000));
        await ExpectError(await api.PostAsync("api/v1/blobs", AgentApi.Binary([.. goodFrame, .. wrongId])), HttpStatusCode.BadRequest, "nothing stored");
        await ExpectError(await api.PostAsync("api/v1/blobs/read", AgentApi.Binary(BlobId.Compute(good).ToArray())), HttpStatusCode.NotFound, "not held");
        await ExpectError(await api.PostAsync("api/v1/blobs", AgentApi.Binary([.. goodFrame, .. goodFrame[..100]])), HttpStatusCode.BadRequest, "nothing stored");
        var oversized = Frame(BlobType.Data, BlobId.Compute(good), good);
        BitConverter.TryWriteBytes(oversized.AsSpan(1, 4), int.MaxValue);
        await ExpectError(await api.PostAsync("api/v1/blobs", AgentApi.Binary(oversized)), HttpStatusCode.BadRequest, "nothing stored");
        var badType = Frame(BlobType.Data, BlobId.Compute(good), good);
        badType[0] = 99;
        await ExpectError(await api.PostAsync("api/v1/blobs", AgentApi.Binary(badType)), HttpStatusCode.BadRequest, "nothing stored");
        await ExpectError(await api.PostAsync("api/v1/blobs", AgentApi.Binary(Frame(BlobType.Snapshot, BlobId.Compute(good), good))), HttpStatusCode.BadRequest, "snapshot");
        await ExpectError(await api.PostAsync("api/v1/blobs/read", AgentApi.Binary(BlobId.Compute(good).ToArray())), HttpStatusCode.NotFound, "not held");

        // The good frame alone is accepted, and a repeat is a no-op.
        var stored = await api.PostAsync("api/v1/blobs", AgentApi.Binary(goodFrame));
        await Assert.That(stored.StatusCode).IsEqualTo(HttpStatusCode.OK);
        await Assert.That(await stored.Content.ReadAsStringAsync()).Contains("\"stored\":1");
        var repeat = await api.PostAsync("api/v1/blobs", AgentApi.Binary(goodFrame));
        await Assert.That(await repeat.Content.ReadAsStringAsync()).Contains("\"known\":1");

        // Commits: malformed, unknown session, missing blobs.
        await ExpectError(await api.PostAsync("api/v1/snapshots", Json("""{"sessionId":"x"}""")), HttpStatusCode.BadRequest, "root");
        var missingRoot = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await ExpectError(await api.PostAsync("api/v1/snapshots", Json(Commit("nosuchsession", missingRoot))), HttpStatusCode.NotFound, "session");
        var sessionId = await StartSessionAsync(api);
        await ExpectError(await api.PostAsync("api/v1/snapshots", Json(Commit(sessionId, missingRoot))), HttpStatusCode.UnprocessableEntity, "missing");

        // Unreadable lists: longer than a commit may list, or more entries than the count says.
        var unreadable = string.Join(",", Enumerable.Range(0, 1001).Select(i => $$"""{"path":"/x/{{i}}","error":"EACCES"}"""));
        await ExpectError(await api.PostAsync("api/v1/snapshots", Json(Commit(sessionId, missingRoot).Replace("\"unreadable\":[]", $"\"unreadable\":[{unreadable}]"))),
            HttpStatusCode.BadRequest, "at most 1000");
        await ExpectError(await api.PostAsync("api/v1/snapshots", Json(Commit(sessionId, missingRoot).Replace("\"unreadable\":[]", "\"unreadable\":[{\"path\":\"/x\",\"error\":\"EACCES\"}]"))),
            HttpStatusCode.BadRequest, "unreadableCount");

        // A body declared larger than the JSON limit is refused unread. The client waits for "100 Continue" before
        // sending it, so the refusal cannot race the upload of 2 MiB it never reads. (A chunked body over the limit
        // gets 413: Hosting/FailureResponsesTests.)
        var huge = Commit(sessionId, missingRoot).Replace("\"h\"", $"\"{new string('h', 2 << 20)}\"");
        using (var declared = new HttpRequestMessage(HttpMethod.Post, "api/v1/snapshots") { Content = Json(huge) })
        {
            declared.Headers.ExpectContinue = true;
            await ExpectError(await api.SendAsync(declared), HttpStatusCode.BadRequest, "larger than 1048576 bytes");
        }

        var snapshots = await (await api.GetAsync("api/v1/snapshots")).Content.ReadAsStringAsync();
        await Assert.That(snapshots).IsEqualTo("[]");
        await ExpectError(await api.GetAsync("api/v1/snapshots?limit=0"), HttpStatusCode.BadRequest, "limit must be 1 to 1000");
        await ExpectError(await api.GetAsync("api/v1/snapshots?limit=1001"), HttpStatusCode.BadRequest, "limit must be 1 to 1000");
        await ExpectError(await api.GetAsync("api/v1/snapshots?after=nosuchsnapshot"), HttpStatusCode.NotFound, "does not exist for this agent");
    }

    [Test]
    public async Task An_agent_cannot_read_or_reference_another_agents_blobs()
    {
        using var temp = new TempDirectory();
        var source = await temp.SourceWithAsync("secret.txt", Encoding.UTF8.GetBytes("agent A's data"));
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var a = await appliance.EnrolAsync(temp.Sub("a"), "a");
        var b = await appliance.EnrolAsync(temp.Sub("b"), "b");
        var snapshot = await Backup.BackupRestoreTests.SnapshotOf(a, await Tools.AgentAsync("backup", "--state", a, source));

        using var asB = AgentApi.As(appliance, b);
        var rootId = BlobId.Parse(snapshot.Root.Id);
        await ExpectError(await asB.PostAsync("api/v1/blobs/read", AgentApi.Binary(rootId.ToArray())), HttpStatusCode.NotFound, "not held");
        var sessionId = await StartSessionAsync(asB);
        await ExpectError(await asB.PostAsync("api/v1/snapshots", Json(Commit(sessionId, snapshot.Root.Id, snapshot.Root.Key))), HttpStatusCode.UnprocessableEntity, "missing");
        await ExpectError(await asB.GetAsync($"api/v1/snapshots/{snapshot.Id}"), HttpStatusCode.NotFound, "does not exist");
        var listed = await Tools.AgentAsync("snapshots", "--json", "--state", b);
        await Assert.That(listed.Stdout.Trim()).IsEqualTo("[]");
    }

    [Test]
    public async Task A_repeated_commit_returns_its_snapshot_and_another_root_is_a_conflict()
    {
        using var temp = new TempDirectory();
        var source = await temp.SourceWithAsync("file.txt", Encoding.UTF8.GetBytes("committed twice"));
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var state = await appliance.EnrolAsync(temp.Sub("agent"));
        var backedUp = await Backup.BackupRestoreTests.SnapshotOf(state, await Tools.AgentAsync("backup", "--state", state, source));
        using var api = AgentApi.As(appliance, state);
        var sessionId = await StartSessionAsync(api);

        // As an agent retrying after a lost reply: the same session and root twice.
        var first = await api.PostAsync("api/v1/snapshots", Json(Commit(sessionId, backedUp.Root.Id, backedUp.Root.Key)));
        var again = await api.PostAsync("api/v1/snapshots", Json(Commit(sessionId, backedUp.Root.Id, backedUp.Root.Key)));
        var firstId = System.Text.Json.JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var againId = System.Text.Json.JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        var otherRoot = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var listed = await Tools.AgentAsync("snapshots", "--json", "--state", state);

        await Assert.That(first.StatusCode).IsEqualTo(HttpStatusCode.OK);
        await Assert.That(again.StatusCode).IsEqualTo(HttpStatusCode.OK);
        await Assert.That(againId).IsEqualTo(firstId);
        await ExpectError(await api.PostAsync("api/v1/snapshots", Json(Commit(sessionId, otherRoot))), HttpStatusCode.Conflict, "another root");
        await Assert.That(System.Text.Json.JsonDocument.Parse(listed.Stdout).RootElement.GetArrayLength()).IsEqualTo(2)
            .Because("the first backup and one commit of the new session, not two");
    }

    [Test]
    public async Task Enrolment_with_a_wrong_fingerprint_is_refused_and_saves_nothing()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        var token = await appliance.CreateTokenAsync();
        var state = temp.Sub("agent");
        var result = await Tools.AgentAsync("enrol", "--state", state, "--appliance", appliance.Url, "--token", token, "--fingerprint", new string('a', 64));
        await Assert.That(result.ExitCode).IsEqualTo(1);
        await Assert.That(result.Stderr).Contains("refusing to enrol");
        await Assert.That(File.Exists(Path.Combine(state, "agent.json"))).IsFalse();
    }

    private static async Task ExpectError(HttpResponseMessage response, HttpStatusCode status, string messagePart)
    {
        var body = await response.Content.ReadAsStringAsync();
        await Assert.That(response.StatusCode).IsEqualTo(status).Because(body);
        await Assert.That(body).Contains("\"error\":").And.Contains(messagePart);
    }

    private static async Task<string> StartSessionAsync(HttpClient api)
    {
        var session = await (await api.PostAsync("api/v1/sessions", null)).Content.ReadAsStringAsync();
        return System.Text.Json.JsonDocument.Parse(session).RootElement.GetProperty("sessionId").GetString()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Commit(string session, string rootId, string? key = null) =>
        $$"""{"sessionId":"{{session}}","host":"h","paths":["/x"],"root":{"id":"{{rootId}}","key":"{{key ?? rootId}}"},"stats":{"files":0,"directories":0,"bytes":0,"newBlobs":0,"newBytes":0},"unreadable":[]}""";

    private static byte[] RandomBlob(int length) => RandomNumberGenerator.GetBytes(length);

    private static byte[] Frame(BlobType type, BlobId id, byte[] blob) => AgentApi.Frame(type, id, blob);
}
