namespace CoStor.Appliance.Replication.Remote;

/// <summary>A peer site held here, as the Sites page lists it: whether it is unlocked and, if so, how many snapshots its view holds.</summary>
public sealed record RemoteSiteSummary(string Name, bool Unlocked, int? Snapshots, bool HasCheckpoint);
