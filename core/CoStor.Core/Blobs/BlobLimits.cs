namespace CoStor.Core.Blobs;

/// <summary>Size limits from docs/design.md, "Blobs".</summary>
public static class BlobLimits
{
    /// <summary>Largest plain data chunk: the chunker maximum.</summary>
    public const int MaxDataPlainLength = 4 * 1024 * 1024;

    /// <summary>Largest plain tree or snapshot blob.</summary>
    public const int MaxMetadataPlainLength = 16 * 1024 * 1024;

    /// <summary>Readers MUST reject frames longer than this (room for payload kind, zstd overhead and tag).</summary>
    public const int MaxBlobLength = 16 * 1024 * 1024 + 1024;
}
