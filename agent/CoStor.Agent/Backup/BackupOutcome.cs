using CoStor.Core.Protocol;

namespace CoStor.Agent.Backup;

/// <summary>The committed snapshot; <see cref="Partial"/> when some files could not be saved as they were.</summary>
public sealed record BackupOutcome(SnapshotRecord Snapshot, bool Partial);
