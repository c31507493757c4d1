namespace CoStor.Core.Errors;

/// <summary>A frame of an upload stream or pack is bad: truncated, oversized, of unknown type, or its blob does not hash to its id.</summary>
public sealed class InvalidFrameException : CoStorException
{
    public InvalidFrameException(string message) : base(message) { }

    public InvalidFrameException(string message, Exception? inner) : base(message, inner) { }
}
