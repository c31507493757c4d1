using CoStor.Core.Blobs;

namespace CoStor.Core.Trees;

/// <summary>Opening one stored tree blob: the step every reader of trees shares (agent restore, appliance commit and browse).</summary>
public static class TreeBlob
{
    /// <summary>
    /// Verifies <paramref name="blob"/> against the reference's id, decrypts it with the reference's key and
    /// decodes it strictly. Throws <see cref="Errors.CorruptBlobException"/> or <see cref="Errors.CorruptTreeException"/>.
    /// A tree of spans is returned as stored (see <see cref="TreeSpans"/>).
    /// </summary>
    public static IReadOnlyList<TreeNode> Open(in BlobRef reference, ReadOnlySpan<byte> blob) =>
        TreeCodec.Decode(BlobSealer.Open(reference, blob, BlobLimits.MaxMetadataPlainLength));
}
