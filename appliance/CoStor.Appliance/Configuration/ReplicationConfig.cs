namespace CoStor.Appliance.Configuration;

/// <summary><c>[replication]</c>: how this site's packs are kept at its peers (docs/replication.md).</summary>
/// <param name="Copies">Sites that must hold each pack, the owner included (1 = no replication).</param>
/// <param name="PeerGoneDays">Days a peer may stay unreachable before its share moves to the next peer in rendezvous order.</param>
/// <param name="GraceDays">
/// Days a retired pack of a peer is still kept after the owner's signed decision, counted on this box's clock. At
/// least 14: the holder, not the owner, sets the grace, so a compromised owner cannot have its copies dropped at once.
/// </param>
/// <param name="IntervalSeconds">How often each peer is polled.</param>
/// <param name="ProofSample">Packs per peer re-proved each round, besides every pack without a proof.</param>
public sealed record ReplicationConfig(int Copies = 2, int PeerGoneDays = 7, int GraceDays = 14, int IntervalSeconds = 60, int ProofSample = 8)
{
    public const int MinGraceDays = 14;

    public static ReplicationConfig Default { get; } = new();
}
