namespace CoStor.Core.Errors;

/// <summary>A tree blob's plain bytes violate the tree format (docs/design.md, "Trees").</summary>
public sealed class CorruptTreeException : CoStorException
{
    public CorruptTreeException(string message) : base(message) { }

    public CorruptTreeException(string message, Exception? inner) : base(message, inner) { }
}
