namespace CoStor.Core.Errors;

/// <summary>A keyring file is well formed but its tag does not verify: the machine or recovery key is not the one it was sealed with (or the file was altered).</summary>
public sealed class WrongKeyException : CoStorException
{
    public WrongKeyException(string message) : base(message) { }

    public WrongKeyException(string message, Exception? inner) : base(message, inner) { }
}
