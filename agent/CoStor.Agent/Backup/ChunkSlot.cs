using CoStor.Core.Trees;

namespace CoStor.Agent.Backup;

/// <summary>
/// Placeholder for one chunk of a file whose blob reference is known only after the uploader obtained its
/// key and the appliance acknowledged it. Written once by the uploader, read after the uploader completes.
/// </summary>
public sealed class ChunkSlot(int plainLength)
{
    public int PlainLength { get; } = plainLength;
    public ChunkRef Value { get; set; }
}
