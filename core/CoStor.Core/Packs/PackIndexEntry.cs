using CoStor.Core.Blobs;

namespace CoStor.Core.Packs;

/// <summary>One blob in a pack; <see cref="Offset"/> is the position of the blob bytes (after its frame header).</summary>
public readonly record struct PackIndexEntry(BlobType Type, BlobId Id, long Offset, int Length);
