using CoStor.Agent.Restore;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Tests.Restore;

/// <summary>
/// Test double for the network only: serves stored blobs under the <see cref="IBlobSource"/> contract
/// (request order, at most MaxReadIds per call, a missing blob fails the call) and records each request.
/// </summary>
public sealed class MemoryBlobSource : IBlobSource
{
    private readonly Dictionary<BlobId, byte[]> _blobs = [];
    private readonly List<IReadOnlyList<BlobId>> _requests = [];

    public IReadOnlyList<IReadOnlyList<BlobId>> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public void Add(SealedBlob blob) => _blobs[blob.Ref.Id] = blob.Blob;

    public void Remove(BlobId id) => _blobs.Remove(id);

    public async Task ReadBlobsAsync(IReadOnlyList<BlobId> ids, Action<BlobId, ReadOnlyMemory<byte>> onBlob, CancellationToken cancellationToken)
    {
        if (ids.Count > ProtocolLimits.MaxReadIds)
            throw new InvalidOperationException($"{ids.Count} ids in one request");
        lock (_requests)
            _requests.Add([.. ids]);
        await Task.Yield();
        var scratch = new byte[BlobLimits.MaxBlobLength];
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_blobs.TryGetValue(id, out var blob))
                throw new AgentException($"appliance refused (404): blob {id} not found");
            // Hand out a reused buffer, as the real client does: callers must copy what they keep.
            blob.CopyTo(scratch, 0);
            onBlob(id, scratch.AsMemory(0, blob.Length));
            Array.Clear(scratch, 0, blob.Length);
        }
    }
}
