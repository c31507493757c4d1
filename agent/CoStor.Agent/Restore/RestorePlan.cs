using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// Everything a restore will do, in order (depth-first; a directory's metadata after its children), and the
/// data chunks its files need, in the order the steps consume them. Both come from one walk, so the chunk
/// pipeline and the writer agree on order by construction.
/// </summary>
public sealed class RestorePlan
{
    public List<PlanStep> Steps { get; } = [];

    /// <summary>The chunks of every <see cref="StepKind.File"/> step, concatenated in step order.</summary>
    public List<ChunkRef> Chunks { get; } = [];

    /// <summary>Non-directory entries to restore (files, hardlinks, symlinks, FIFOs).</summary>
    public long TotalFiles { get; set; }

    /// <summary>Content bytes to write (hardlinked content once).</summary>
    public long TotalBytes { get; set; }
}
