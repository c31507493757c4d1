namespace CoStor.Core.Blobs;

/// <summary>What a blob holds; stored as the frame type byte in packs and uploads.</summary>
public enum BlobType : byte
{
    Data = 1,
    Tree = 2,
    Snapshot = 3,
}
