namespace CoStor.Core.Errors;

/// <summary>A pack file is malformed: bad magic or version, index hash mismatch, out-of-range entries, or a blob that does not match its index entry.</summary>
public sealed class CorruptPackException : CoStorException
{
    public CorruptPackException(string message) : base(message) { }

    public CorruptPackException(string message, Exception? inner) : base(message, inner) { }
}
