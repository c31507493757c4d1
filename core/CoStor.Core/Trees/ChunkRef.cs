using CoStor.Core.Blobs;

namespace CoStor.Core.Trees;

/// <summary>One data chunk of a file: its blob reference and its plain length (1 … 4 MiB).</summary>
public readonly record struct ChunkRef(BlobRef Ref, int Length);
