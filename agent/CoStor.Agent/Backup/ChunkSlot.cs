using CoStor.Core.Trees;

namespace CoStor.Agent.Backup;

/// <summary>
/// Placeholder for one chunk of a file whose blob reference is known only after the uploader obtained its
/// key and encrypted it. Written once by the uploader, read after <see cref="ChunkUploader.EndSubmissionsAsync"/>;
/// the snapshot that uses it is committed only after the appliance acknowledged every blob.
/// </summary>
public sealed class ChunkSlot(int plainLength)
{
    public int PlainLength { get; } = plainLength;
    public ChunkRef Value { get; set; }
}
