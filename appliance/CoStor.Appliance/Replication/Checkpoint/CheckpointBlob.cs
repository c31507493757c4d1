namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A <c>blobs</c> row: where a blob sits in its pack.</summary>
public sealed record CheckpointBlob(byte[] Id, int Type, long Offset, int Length);
