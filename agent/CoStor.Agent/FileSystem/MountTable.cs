using System.Text;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// The file system types of this process's mount points, from <c>/proc/self/mountinfo</c>: for the file systems
/// statfs cannot tell apart by magic number (devtmpfs and tmpfs share one).
/// </summary>
public static class MountTable
{
    /// <summary>
    /// The mount points (raw path bytes, as Latin-1 strings so every byte maps to one char) mounted with a file
    /// system of type <paramref name="type"/>; empty when mountinfo cannot be read.
    /// </summary>
    public static HashSet<string> MountPointsOfType(string type)
    {
        var mountPoints = new HashSet<string>(StringComparer.Ordinal);
        byte[] table;
        try
        {
            table = File.ReadAllBytes("/proc/self/mountinfo");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return mountPoints;
        }
        foreach (var line in Encoding.Latin1.GetString(table).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // "id parent major:minor root mount-point options [optional fields…] - type source super-options"
            var fields = line.Split(' ');
            var separator = Array.IndexOf(fields, "-");
            if (fields.Length > 4 && separator > 4 && separator + 1 < fields.Length && fields[separator + 1] == type)
                mountPoints.Add(Unescape(fields[4]));
        }
        return mountPoints;
    }

    /// <summary>mountinfo writes space, tab, newline and backslash in paths as octal escapes (\040, \011, \012, \134).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\'))
            return field;
        var builder = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                builder.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
                builder.Append(field[i]);
        }
        return builder.ToString();
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.AsSpan(start, 3).IndexOfAnyExcept("01234567") < 0;
}
