namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// Everything a rebuild needs that is not in the packs (docs/replication.md, "Catalogue checkpoint"), read in one
/// read transaction. Catalogue times are kept as the text the catalogue stores, so a materialised catalogue holds
/// exactly the rows the site had. Not included: audit log, enrolment tokens, web sessions, sign-in failures, setup
/// codes, open packs and sessions that committed nothing (none of them is needed to browse, restore or keep backing up).
/// </summary>
public sealed record CheckpointContent(
    int Version,
    string Site,
    long Sequence,
    DateTimeOffset CreatedAt,
    IReadOnlyList<CheckpointAgent> Agents,
    IReadOnlyList<CheckpointGroup> Groups,
    IReadOnlyList<CheckpointUser> Users,
    IReadOnlyList<CheckpointSession> Sessions,
    IReadOnlyList<CheckpointSnapshot> Snapshots,
    IReadOnlyList<CheckpointPack> Packs,
    IReadOnlyList<CheckpointRetirement> Retired,
    IReadOnlyList<CheckpointPeer> Peers)
{
    /// <summary>The content's own version (inside the encryption); readers refuse others.</summary>
    public const int CurrentVersion = 1;
}
