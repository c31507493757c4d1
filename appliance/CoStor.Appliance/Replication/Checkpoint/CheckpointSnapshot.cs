namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A <c>snapshots</c> row; <see cref="RecordJson"/> exactly as stored, its root key sealed under the catalogue key.</summary>
public sealed record CheckpointSnapshot(
    string Id, string AgentId, string SessionId, string Host, string StartedAt, string FinishedAt, string Status, byte[] BlobId,
    string RecordJson, long Files, long Bytes, long NewBytes, long Unreadable);
