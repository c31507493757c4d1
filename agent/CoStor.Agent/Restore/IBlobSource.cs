using CoStor.Core.Blobs;

namespace CoStor.Agent.Restore;

/// <summary>
/// Where restore reads blobs from: the appliance (<see cref="Client.ApplianceClient"/>) or, in tests, memory.
/// Contract: at most <see cref="CoStor.Core.Protocol.ProtocolLimits.MaxReadIds"/> ids per call;
/// <c>onBlob</c> is called once per requested id, in request order, with bytes that hash to that id and stay
/// valid only during the call; a blob that cannot be delivered fails the whole call with an exception.
/// </summary>
public interface IBlobSource
{
    Task ReadBlobsAsync(IReadOnlyList<BlobId> ids, Action<BlobId, ReadOnlyMemory<byte>> onBlob, CancellationToken cancellationToken);
}
