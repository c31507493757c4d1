namespace CoStor.Agent.FileSystem;

/// <summary>
/// The rule for one path component, shared with the tree format (docs/design.md, "Trees"):
/// 1..255 bytes, no '/', no NUL, not "." or "..". Any byte sequence meeting it names an entry inside its
/// parent directory and nothing else.
/// </summary>
public static class EntryName
{
    /// <summary>NAME_MAX on Linux file systems.</summary>
    public const int MaxLength = 255;

    /// <summary>Null when <paramref name="name"/> is a valid component, else the reason it is not.</summary>
    public static string? Check(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty)
            return "empty name";
        if (name.Length > MaxLength)
            return $"{name.Length} bytes, more than {MaxLength}";
        if (name.SequenceEqual("."u8) || name.SequenceEqual(".."u8))
            return "'.' and '..' are not entry names";
        if (name.IndexOf((byte)'/') >= 0)
            return "contains '/'";
        if (name.IndexOf((byte)0) >= 0)
            return "contains a NUL byte";
        return null;
    }

    /// <summary>Throws <see cref="UnsafeNameException"/> unless <paramref name="name"/> is a valid component.</summary>
    public static void Validate(ReadOnlySpan<byte> name)
    {
        if (Check(name) is { } reason)
            throw new UnsafeNameException(name, reason);
    }

    /// <summary>Validates and returns the NUL-terminated copy libc needs.</summary>
    internal static byte[] ToCString(ReadOnlySpan<byte> name)
    {
        Validate(name);
        var result = new byte[name.Length + 1];
        name.CopyTo(result);
        return result;
    }
}
