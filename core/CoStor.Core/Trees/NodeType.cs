namespace CoStor.Core.Trees;

/// <summary>Kind of a tree entry; the tree format's type byte.</summary>
public enum NodeType : byte
{
    File = 1,
    Directory = 2,
    Symlink = 3,
    Fifo = 4,
}
