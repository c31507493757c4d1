using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Core.Trees;

/// <summary>
/// Directories too large for one tree blob (16 MiB, about 170,000 entries): their entries, in name order, are
/// split into runs that each fit one tree, and the directory's tree holds one <see cref="NodeType.Span"/> per run,
/// named after the run's first entry and referring to the run's tree (docs/design.md, "Trees"). One level is
/// enough: a tree of spans can name over 150,000 runs.
/// </summary>
public static class TreeSpans
{
    /// <summary>
    /// Splits one directory's entries into runs, in name order, that each encode to at most
    /// <paramref name="maxTreeBytes"/>. Throws <see cref="ArgumentException"/> for entries a tree cannot hold.
    /// </summary>
    public static List<TreeNode[]> Split(IEnumerable<TreeNode> entries, int maxTreeBytes = BlobLimits.MaxMetadataPlainLength)
    {
        var sorted = entries.ToArray();
        Array.Sort(sorted, static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        var runs = new List<TreeNode[]>();
        var run = new List<TreeNode>();
        var bytes = TreeCodec.HeaderMaxLength;
        foreach (var entry in sorted)
        {
            var length = TreeCodec.EncodedLength(entry);
            if (run.Count > 0 && bytes + length > maxTreeBytes)
            {
                runs.Add([.. run]);
                run.Clear();
                bytes = TreeCodec.HeaderMaxLength;
            }
            run.Add(entry);
            bytes += length;
        }
        if (run.Count > 0)
            runs.Add([.. run]);
        return runs;
    }

    /// <summary>The span entry for a run whose first entry is named <paramref name="firstName"/>, sealed as <paramref name="run"/>.</summary>
    public static TreeNode Span(byte[] firstName, BlobRef run) => new() { Name = firstName, Type = NodeType.Span, Subtree = run };

    /// <summary>True when <paramref name="nodes"/> is a tree of spans (a decoded tree holds spans only or none).</summary>
    public static bool AreSpans(IReadOnlyList<TreeNode> nodes) => nodes.Count > 0 && nodes[0].Type == NodeType.Span;

    /// <summary>
    /// The directory's entries from its spans and each span's decoded run. Throws <see cref="CorruptTreeException"/>
    /// when a run is empty, holds spans, does not start with its span's name, or overlaps the next run.
    /// </summary>
    public static List<TreeNode> Join(IReadOnlyList<TreeNode> spans, Func<BlobRef, IReadOnlyList<TreeNode>> run)
    {
        var entries = new List<TreeNode>();
        foreach (var span in spans)
        {
            var nodes = run(span.Subtree!.Value);
            if (nodes.Count == 0 || AreSpans(nodes))
                throw new CorruptTreeException($"Corrupt tree: span {TreeNames.Describe(span.Name)} holds no entries or other spans.");
            if (!nodes[0].Name.AsSpan().SequenceEqual(span.Name))
                throw new CorruptTreeException($"Corrupt tree: span {TreeNames.Describe(span.Name)} starts with {TreeNames.Describe(nodes[0].Name)}.");
            if (entries.Count > 0 && entries[^1].Name.AsSpan().SequenceCompareTo(nodes[0].Name) >= 0)
                throw new CorruptTreeException($"Corrupt tree: span {TreeNames.Describe(span.Name)} overlaps the span before it.");
            entries.AddRange(nodes);
        }
        return entries;
    }
}
