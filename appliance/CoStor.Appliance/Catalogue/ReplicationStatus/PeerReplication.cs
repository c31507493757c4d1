namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>One peer both ways: what this box holds for it, and what it holds of ours.</summary>
public sealed record PeerReplication(string Name, DateTimeOffset? ConfiguredSince, HolderFigures Holding, OwnerFigures Owning);
