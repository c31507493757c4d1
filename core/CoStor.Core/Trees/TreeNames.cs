using System.Buffers;
using System.Text;

namespace CoStor.Core.Trees;

/// <summary>Rules for entry names: 1–255 raw bytes, no '/', no NUL, not "." or "..".</summary>
public static class TreeNames
{
    public const int MaxLength = 255;

    public static bool IsValid(ReadOnlySpan<byte> name) =>
        name.Length is > 0 and <= MaxLength
        && name.IndexOfAny((byte)'/', (byte)0) < 0
        && !name.SequenceEqual("."u8)
        && !name.SequenceEqual(".."u8);

    /// <summary>Printable form for error messages: UTF-8 where valid, otherwise escaped bytes.</summary>
    public static string Describe(ReadOnlySpan<byte> name)
    {
        const int shown = 80;
        var head = name.Length > shown ? name[..shown] : name;
        var text = System.Text.Encoding.UTF8.GetString(head);
        if (text.Contains('\uFFFD') || text.Any(char.IsControl))
        {
            text = "0x" + Convert.ToHexStringLower(head);
        }

        return name.Length > shown ? $"\"{text}…\" ({name.Length} bytes)" : $"\"{text}\"";
    }

    /// <summary>
    /// Text for messages, listings and display, never for file-system calls: valid UTF-8 is kept, while invalid
    /// bytes, control characters (newline included) and backslash are escaped as <c>\xNN</c>, so every distinct
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
