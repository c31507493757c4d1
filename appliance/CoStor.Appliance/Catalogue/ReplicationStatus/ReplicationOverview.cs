namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>The replication status page: each configured peer (in configuration order) and this site's packs by proven copies.</summary>
public sealed record ReplicationOverview(IReadOnlyList<PeerReplication> Peers, SiteCopies Site, int Copies, DateTimeOffset Now);
