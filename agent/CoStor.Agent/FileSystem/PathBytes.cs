using System.Buffers;
using System.Text;

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

    /// <summary>
    /// Text for messages and logs, never for file-system calls: valid UTF-8 is kept, while invalid bytes,
    /// control characters (newline included) and backslash are escaped as <c>\xNN</c>, so every distinct
    /// byte path prints distinctly on one line.
    /// </summary>
    public static string Printable(ReadOnlySpan<byte> path)
    {
        var text = new StringBuilder(path.Length);
        while (!path.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(path, out Rune rune, out int consumed);
            if (status == OperationStatus.Done && !Rune.IsControl(rune) && rune.Value != '\\')
            {
                text.Append(rune.ToString());
            }
            else
            {
                foreach (byte b in path[..consumed])
                    text.Append("\\x").Append(b.ToString("x2"));
            }
            path = path[consumed..];
        }
        return text.ToString();
    }
}
