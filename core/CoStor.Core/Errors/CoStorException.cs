namespace CoStor.Core.Errors;

/// <summary>
/// Root of the errors Core throws for bad stored or received data. Callers map these in one place
/// (HTTP status, exit code); anything else escaping Core is a bug or an I/O failure.
/// </summary>
public abstract class CoStorException : Exception
{
    protected CoStorException(string message) : base(message) { }

    protected CoStorException(string message, Exception? inner) : base(message, inner) { }
}
