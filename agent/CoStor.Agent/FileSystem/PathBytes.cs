namespace CoStor.Agent.FileSystem;

/// <summary>Conversions for byte paths: C strings for libc, printable text for messages.</summary>
public static class PathBytes
{
    /// <summary>
    /// Copies <paramref name="path"/> and appends the terminating NUL libc expects. A path that already holds
    /// a NUL would be silently cut short by libc, so it is rejected.
    /// </summary>
    public static byte[] ToCString(ReadOnlySpan<byte> path)
    {
        if (path.IndexOf((byte)0) >= 0)
            throw new ArgumentException($"path '{Printable(path)}' contains a NUL byte", nameof(path));
        var result = new byte[path.Length + 1];
        path.CopyTo(result);
        return result;
    }

    /// <summary>Text for messages and logs, never for file-system calls (<see cref="CoStor.Core.Trees.TreeNames.Printable"/>).</summary>
    public static string Printable(ReadOnlySpan<byte> path) => CoStor.Core.Trees.TreeNames.Printable(path);
}
