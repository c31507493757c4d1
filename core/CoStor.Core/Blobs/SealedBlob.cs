namespace CoStor.Core.Blobs;

/// <summary>A blob ready to store: its reference (id and key) and its bytes.</summary>
public readonly record struct SealedBlob(BlobRef Ref, byte[] Blob);
