using CoStor.Core.Blobs;

namespace CoStor.Core.Reading;

/// <summary>
/// The two buffers a <see cref="FileContentStream"/> opens chunks into (plain chunk and payload, 8 MiB together),
/// for a caller that streams many files one after another (an archive) to reuse instead of allocating per file.
/// Used by one stream at a time.
/// </summary>
public sealed class ChunkBuffers
{
    public byte[] Plain { get; } = GC.AllocateUninitializedArray<byte>(BlobLimits.MaxDataPlainLength);

    public byte[] Payload { get; } = GC.AllocateUninitializedArray<byte>(BlobLimits.MaxDataPlainLength + 1);
}
