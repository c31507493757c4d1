using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// One step of a <see cref="RestorePlan"/>, on <paramref name="Node"/> inside the current directory.
/// <paramref name="Path"/> is the entry's absolute path in the snapshot (raw bytes, for messages).
/// For <see cref="StepKind.File"/>, <paramref name="FirstChunk"/> indexes the plan's chunk list, where the
/// file's <c>Node.Content.Count</c> chunks lie in order.
/// </summary>
public readonly record struct PlanStep(StepKind Kind, TreeNode Node, byte[] Path, int FirstChunk = 0, string? Problem = null);
