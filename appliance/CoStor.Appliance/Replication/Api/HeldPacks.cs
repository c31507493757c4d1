namespace CoStor.Appliance.Replication.Api;

/// <summary><c>GET /peer/v1/held/{site}</c>: the packs of <paramref name="Site"/> this box holds, by name.</summary>
public sealed record HeldPacks(string Site, IReadOnlyList<PeerPack> Packs);
