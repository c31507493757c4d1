namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>
/// The peer as a holder of this site's sealed packs (placement and <c>replica_proofs</c>). <see cref="Failing"/>:
/// packs whose latest proof failed; <see cref="LatestFailure"/> is the most recent failure's reason.
/// </summary>
public sealed record OwnerFigures(long Assigned, long Proven, long Failing, string? LatestFailure, DateTimeOffset? LatestFailureAt);
