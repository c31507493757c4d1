namespace CoStor.Core.Errors;

/// <summary>A blob does not match its id, fails its GCM tag, or its payload cannot be decoded.</summary>
public sealed class CorruptBlobException : CoStorException
{
    public CorruptBlobException(string message) : base(message) { }

    public CorruptBlobException(string message, Exception? inner) : base(message, inner) { }
}
