namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>
/// Site-wide figures. <see cref="StoredBytes"/>: pack bytes on disk; <see cref="LogicalBytes"/>: the sum of every
/// snapshot's size; <see cref="LatestLogicalBytes"/>: the sum of each agent's latest snapshot;
/// <see cref="DedupRatio"/>: logical over stored (0 when nothing is stored).
/// </summary>
public sealed record DashboardTotals(int Agents, int ActiveAgents, long Snapshots, long StoredBytes, long LogicalBytes, long LatestLogicalBytes, double DedupRatio);
