namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A sealed pack and the blob index entries that point into it.</summary>
public sealed record CheckpointPack(string Name, long Size, int BlobCount, string CreatedAt, string? SealedAt, IReadOnlyList<CheckpointBlob> Blobs);
