namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>Kinds of dashboard problems, most urgent first (the order problems are listed in).</summary>
public enum DashboardProblemKind
{
    /// <summary>Stored packs use at least the nearly-full fraction of the capacity given.</summary>
    StorageNearlyFull,

    /// <summary>An active agent has had no snapshot for longer than its expected interval plus a quarter.</summary>
    Overdue,

    /// <summary>An active agent enrolled longer ago than that has never made a snapshot.</summary>
    NeverBackedUp,

    /// <summary>An active agent's latest snapshot is partial (some files unreadable).</summary>
    LastSnapshotPartial,

    /// <summary>A peer's latest proof of holding failed for at least one pack of this site (shown at once, not after a day).</summary>
    ProofFailed,

    /// <summary>Sealed packs older than a day have fewer proven copies than the configured number.</summary>
    FewProvenCopies,

    /// <summary>A configured peer's last successful pull is over a day old, or it was never reached in over a day configured.</summary>
    PeerUnreached,
}
