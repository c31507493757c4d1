namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A configured peer, so a rebuild knows where the site's packs are.</summary>
public sealed record CheckpointPeer(string Name, string Url, string Fingerprint);
