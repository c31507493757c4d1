using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Client;

/// <summary>
/// The agent's side of the agent API (docs/protocol.md). Every failure becomes an <see cref="AgentException"/>
/// carrying the appliance's own error line. With a <see cref="RetryPolicy"/> every request rides out an
/// appliance that is briefly unreachable, and a batch read that breaks off resumes where it stopped.
/// </summary>
public sealed class ApplianceClient : IDisposable, Restore.IBlobSource
{
    private readonly HttpClient _http;
    private readonly RetryPolicy _retry;
    private FrameReader? _reader;

    public ApplianceClient(AgentIdentity identity, X509Certificate2 pinnedCa, RetryPolicy? retry = null)
    {
        _retry = retry ?? RetryPolicy.None;
        _http = new HttpClient(new RetryingHandler(PinnedTls.CreateHandler(pinnedCa), _retry))
        {
            BaseAddress = new Uri(identity.ApplianceUrl.TrimEnd('/') + "/"),
            Timeout = TimeSpan.FromMinutes(30),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{identity.AgentId}.{identity.Credential}");
    }

    public static ApplianceClient ForState(StateDirectory state, RetryPolicy? retry = null)
    {
        var identity = state.LoadIdentity();
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(state.CaCertificatePath));
        // The file could have been swapped since enrolment; the fingerprint in the identity is what was pinned.
        if (!CertificateFingerprint.Matches(ca, identity.Fingerprint))
            throw new AgentException($"{state.CaCertificatePath} is not the CA pinned at enrolment ({identity.Fingerprint}); enrol this PC again");
        return new ApplianceClient(identity, ca, retry);
    }

    /// <summary>Chunk keys for payload hashes (N × 32 bytes in, N × 32 out), retrying politely on 429.</summary>
    public async Task<byte[]> GetKeysAsync(ReadOnlyMemory<byte> hashes, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var content = new ReadOnlyMemoryContent(hashes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await _http.PostAsync("api/v1/keys", content, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                await Task.Delay(wait, cancellationToken);
                continue;
            }
            await EnsureSuccessAsync(response, cancellationToken);
            var keys = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (keys.Length != hashes.Length)
                throw new AgentException($"appliance returned {keys.Length} key bytes for {hashes.Length} hash bytes");
            return keys;
        }
    }

    public Task<SessionResponse> StartSessionAsync(CancellationToken cancellationToken) =>
        SendJsonAsync(HttpMethod.Post, "api/v1/sessions", null, ProtocolJsonContext.Default.SessionResponse, cancellationToken);

    /// <summary>Uploads frames (the pack frame layout). Returns only when the appliance made them durable.</summary>
    public Task<UploadResult> UploadAsync(ReadOnlyMemory<byte> frames, CancellationToken cancellationToken) =>
        UploadAsync([frames], cancellationToken);

    /// <summary>Uploads one batch of frames held in several pieces (sent in order, as one request body).</summary>
    public async Task<UploadResult> UploadAsync(IReadOnlyList<ReadOnlyMemory<byte>> frames, CancellationToken cancellationToken)
    {
        using var content = new PiecesContent(frames);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _http.PostAsync("api/v1/blobs", content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadJsonAsync(response, ProtocolJsonContext.Default.UploadResult, cancellationToken);
    }

    public async Task<SnapshotRecord> CommitAsync(CommitRequest request, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(request, ProtocolJsonContext.Default.CommitRequest);
        return await SendJsonAsync(HttpMethod.Post, "api/v1/snapshots", content, ProtocolJsonContext.Default.SnapshotRecord, cancellationToken);
    }

    /// <summary>All of this agent's snapshots, oldest first, fetched a page at a time.</summary>
    public async Task<IReadOnlyList<SnapshotRecord>> ListSnapshotsAsync(CancellationToken cancellationToken)
    {
        var all = new List<SnapshotRecord>();
        while (true)
        {
            var query = all.Count == 0 ? "" : "&after=" + Uri.EscapeDataString(all[^1].Id);
            var page = await SendJsonAsync(HttpMethod.Get, $"api/v1/snapshots?limit={ProtocolLimits.MaxSnapshotsPerPage}{query}", null,
                ProtocolJsonContext.Default.IReadOnlyListSnapshotRecord, cancellationToken);
            all.AddRange(page);
            if (page.Count < ProtocolLimits.MaxSnapshotsPerPage)
                return all;
        }
    }

    /// <summary>
    /// Streams the requested blobs; <paramref name="onBlob"/> sees each in request order, framed under the id
    /// asked for but not re-hashed: every caller opens each blob with the key its tree names, and AES-GCM
    /// rejects any other bytes (docs/design.md, "Blobs").
    /// </summary>
    public async Task ReadBlobsAsync(IReadOnlyList<BlobId> ids, Action<BlobId, ReadOnlyMemory<byte>> onBlob, CancellationToken cancellationToken)
    {
        // A reply that breaks off (the appliance restarted mid-batch) is asked for again from the first blob
        // not yet delivered, so no blob reaches onBlob twice.
        var delivered = 0;
        await _retry.RunAsync(async () =>
        {
            await ReadBlobsOnceAsync(delivered == 0 ? ids : ids.Skip(delivered).ToList(), (id, blob) =>
            {
                onBlob(id, blob);
                delivered++;
            }, cancellationToken);
            return true;
        }, cancellationToken);
    }

    private async Task ReadBlobsOnceAsync(IReadOnlyList<BlobId> ids, Action<BlobId, ReadOnlyMemory<byte>> onBlob, CancellationToken cancellationToken)
    {
        var body = new byte[ids.Count * BlobId.Length];
        for (var i = 0; i < ids.Count; i++)
            ids[i].WriteTo(body.AsSpan(i * BlobId.Length));
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/blobs/read") { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var reader = Interlocked.Exchange(ref _reader, null) ?? new FrameReader(stream, BlobLimits.MaxBlobLength, verifyIds: false);
        reader.Reset(stream);
        try
        {
            await ReadFramesAsync(reader, ids, onBlob, cancellationToken);
        }
        finally
        {
            _reader = reader;
        }
    }

    private static async Task ReadFramesAsync(FrameReader reader, IReadOnlyList<BlobId> ids, Action<BlobId, ReadOnlyMemory<byte>> onBlob, CancellationToken cancellationToken)
    {
        var index = 0;
        while (await reader.ReadNextAsync(cancellationToken))
        {
            if (index >= ids.Count || reader.Id != ids[index])
                throw new AgentException($"appliance sent blob {reader.Id} out of order");
            onBlob(reader.Id, reader.Blob);
            index++;
        }
        if (index != ids.Count)
            throw new AgentException($"appliance sent {index} of {ids.Count} blobs");
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, HttpContent? content, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await ReadJsonAsync(response, type, cancellationToken);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync(type, cancellationToken) ?? throw new AgentException("appliance sent an empty reply");

    internal static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        string message;
        try
        {
            var error = await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.ErrorResponse, cancellationToken);
            message = error is null ? response.ReasonPhrase ?? "" : error.Error + (error.Details is { Count: > 0 } d ? ": " + string.Join("; ", d) : "");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            message = response.ReasonPhrase ?? "no details";
        }
        var text = $"appliance refused ({(int)response.StatusCode}): {message}";
        throw response.StatusCode == HttpStatusCode.UnprocessableEntity ? new CommitRefusedException(text) : new AgentException(text);
    }

    public void Dispose() => _http.Dispose();
}
