using CoStor.Agent.FileSystem;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// Turns a loaded <see cref="SnapshotTree"/> and an include path into a <see cref="RestorePlan"/>. The
/// directories along the include path are entered (and get their own metadata) but hold only the path's
/// next component, mirroring how backups record selected paths. Hardlinks: the first entry with a given
/// non-zero hardlink id (in walk order) is restored; later ones become <see cref="StepKind.Hardlink"/>.
/// </summary>
public static class RestorePlanner
{
    /// <summary>Plans the restore of <paramref name="include"/> (components; empty = everything). The tree must be loaded along it (<see cref="TreeLoader.LoadAsync"/>).</summary>
    public static RestorePlan Plan(SnapshotTree tree, IReadOnlyList<byte[]> include)
    {
        var plan = new RestorePlan();
        var hardlinks = new HashSet<ulong>();
        if (!tree.TryGet(tree.Root.Id, out var nodes, out var error))
            throw new InvalidOperationException($"root tree not loaded: {error}");
        var entered = new List<PlanStep>();
        for (int depth = 0; depth < include.Count; depth++)
        {
            var node = TreePath.Find(nodes, include[depth])
                ?? throw new InvalidOperationException("include path not loaded");
            var path = TreePath.Join(include, depth + 1);
            if (depth == include.Count - 1)
            {
                AddEntry(plan, tree, hardlinks, node, path);
                break;
            }
            var step = new PlanStep(StepKind.EnterDirectory, node, path);
            plan.Steps.Add(step);
            entered.Add(step);
            if (!tree.TryGet(node.Subtree!.Value.Id, out nodes, out error))
                throw new InvalidOperationException($"include path tree not loaded: {error}");
        }
        if (include.Count == 0)
            AddChildren(plan, tree, hardlinks, nodes, "/"u8.ToArray());
        for (int i = entered.Count - 1; i >= 0; i--)
            plan.Steps.Add(entered[i] with { Kind = StepKind.LeaveDirectory });
        return plan;
    }

    private static void AddChildren(RestorePlan plan, SnapshotTree tree, HashSet<ulong> hardlinks, IReadOnlyList<TreeNode> nodes, byte[] parent)
    {
        foreach (var node in nodes)
            AddEntry(plan, tree, hardlinks, node, TreePath.Child(parent, node.Name));
    }

    private static void AddEntry(RestorePlan plan, SnapshotTree tree, HashSet<ulong> hardlinks, TreeNode node, byte[] path)
    {
        if (node.Type == NodeType.Directory)
        {
            if (!tree.TryGet(node.Subtree!.Value.Id, out var children, out var error))
            {
                plan.Steps.Add(new PlanStep(StepKind.Problem, node, path, Problem: $"'{PathBytes.Printable(path)}': directory skipped: {error}"));
                return;
            }
            plan.Steps.Add(new PlanStep(StepKind.EnterDirectory, node, path));
            AddChildren(plan, tree, hardlinks, children, path);
            plan.Steps.Add(new PlanStep(StepKind.LeaveDirectory, node, path));
            return;
        }
        plan.TotalFiles++;
        if (node.HardlinkId != 0 && !hardlinks.Add(node.HardlinkId))
        {
            plan.Steps.Add(new PlanStep(StepKind.Hardlink, node, path));
            return;
        }
        switch (node.Type)
        {
            case NodeType.File:
                plan.Steps.Add(new PlanStep(StepKind.File, node, path, plan.Chunks.Count));
                plan.Chunks.AddRange(node.Content);
                plan.TotalBytes += node.Size;
                break;
            case NodeType.Symlink:
                plan.Steps.Add(new PlanStep(StepKind.Symlink, node, path));
                break;
            case NodeType.Fifo:
                plan.Steps.Add(new PlanStep(StepKind.Fifo, node, path));
                break;
            default:
                plan.Steps.Add(new PlanStep(StepKind.Problem, node, path, Problem: $"'{PathBytes.Printable(path)}': unknown entry type {node.Type}"));
                break;
        }
    }
}
