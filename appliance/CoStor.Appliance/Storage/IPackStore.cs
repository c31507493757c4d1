using CoStor.Core.Blobs;

namespace CoStor.Appliance.Storage;

/// <summary>
/// A store of sealed packs, each named by the SHA-256 of its index (docs/design.md, "Packs"). The appliance's own
/// sealed packs live in one (<see cref="LocalPackDirectory"/>); a peer's replicated packs and an object store
/// implement the same contract, which one conformance suite checks for every implementation
/// (tests/CoStor.Appliance.Tests/Storage/PackStoreConformance.cs):
/// <list type="bullet">
/// <item><see cref="PutAsync"/> verifies the bytes first — header, index, trailer, the index's hash against the
/// name, every blob against its id — and refuses a mismatch with <see cref="CoStor.Core.Errors.CorruptPackException"/>,
/// storing nothing.</item>
/// <item>Put is atomic: a reader finds a pack complete or not at all, never partial, also after a crash or a
/// failed source stream during Put; it returns only once the pack is durable (survives power loss).</item>
/// <item>Packs are immutable: a Put of a name already held stores nothing and succeeds.</item>
/// <item><see cref="OpenRead"/> gives exactly the bytes stored, or null for a name not held; <see cref="List"/>
/// names every pack held, and nothing else.</item>
/// </list>
/// </summary>
public interface IPackStore
{
    Task PutAsync(BlobId name, Stream pack, CancellationToken cancellationToken);

    Stream? OpenRead(BlobId name);

    bool Contains(BlobId name);

    IEnumerable<BlobId> List();
}
