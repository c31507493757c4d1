namespace CoStor.Web.Dashboard;

/// <summary>Site-wide figures: PCs, snapshots, bytes stored on disk, bytes the snapshots hold, and their ratio.</summary>
public sealed record SiteFigures(int Agents, long Snapshots, long StoredBytes, long LatestLogicalBytes, double DedupRatio, long? CapacityBytes);
