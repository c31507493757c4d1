using CoStor.Core.Blobs;

namespace CoStor.Appliance.Catalogue;

/// <summary>Where a blob's bytes are: pack row id, offset of the blob bytes, and length.</summary>
public readonly record struct BlobLocation(BlobType Type, long PackId, long Offset, int Length);
