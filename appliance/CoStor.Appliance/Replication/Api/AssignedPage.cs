namespace CoStor.Appliance.Replication.Api;

/// <summary><c>GET /peer/v1/assigned</c>: a page of the owner's sealed packs assigned to the caller; <paramref name="Next"/> is the <c>after</c> of the next page, null at the end.</summary>
public sealed record AssignedPage(IReadOnlyList<PeerPack> Packs, string? Next);
