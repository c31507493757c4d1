namespace CoStor.Core.Errors;

/// <summary>A keyring file is malformed (bad magic, version, kind, lengths or trailing bytes).</summary>
public sealed class CorruptKeyringException : CoStorException
{
    public CorruptKeyringException(string message) : base(message) { }

    public CorruptKeyringException(string message, Exception? inner) : base(message, inner) { }
}
