namespace CoStor.Agent.FileSystem;

/// <summary>
/// A name that is not a single safe path component (empty, ".", "..", containing '/' or NUL, or longer than
/// 255 bytes). Restore refuses it before any file-system call, so a hostile snapshot cannot escape the target.
/// </summary>
public sealed class UnsafeNameException : IOException
{
    public UnsafeNameException(ReadOnlySpan<byte> name, string reason)
        : base($"refusing entry name '{PathBytes.Printable(name)}': {reason}")
    {
        Name = PathBytes.Printable(name);
        Reason = reason;
    }

    /// <summary>The rejected name, printable (see <see cref="PathBytes.Printable"/>).</summary>
    public string Name { get; }

    public string Reason { get; }
}
