namespace CoStor.Core.Trees;

/// <summary>Kind of a tree entry; the tree format's type byte.</summary>
public enum NodeType : byte
{
    File = 1,
    Directory = 2,
    Symlink = 3,
    Fifo = 4,

    /// <summary>
    /// A run of the entries of a directory too large for one tree blob: <see cref="TreeNode.Subtree"/> is a tree
    /// holding them, and the span is named after its first entry. A tree with spans holds nothing else
    /// (<see cref="TreeSpans"/>, docs/design.md "Trees").
    /// </summary>
    Span = 5,
}
