using CoStor.Core.Trees;

namespace CoStor.Agent.State;

/// <summary>What the metadata cache remembers of one regular file.</summary>
public sealed record CachedFile(long Size, long MtimeNs, long CtimeNs, ulong Inode, IReadOnlyList<ChunkRef> Content);
