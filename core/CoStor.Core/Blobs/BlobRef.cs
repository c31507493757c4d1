namespace CoStor.Core.Blobs;

/// <summary>Blob id and key: whoever holds it can fetch the blob and decrypt it.</summary>
public readonly record struct BlobRef(BlobId Id, BlobKey Key);
