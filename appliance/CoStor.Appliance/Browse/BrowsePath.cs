using System.Buffers;
using System.Text;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Browse;

/// <summary>
/// A path inside a snapshot as its raw name components ("/" is none), and its text form for URLs and command
/// lines (docs/restore-archives.md, "Paths"): "/" then the names joined by "/", each name written as text in which
/// <c>%XX</c> (two hex digits) stands for one raw byte. <see cref="EncodeName"/> writes every valid UTF-8 character
/// of a name as itself except <c>%</c> and control characters, and writes those and every byte that is not valid
/// UTF-8 as <c>%XX</c>, so every byte name has exactly one text form and every text form one byte name.
/// Parsing also accepts needless escapes (<c>%41</c> for <c>A</c>), a missing leading "/" and repeated "/".
/// </summary>
public sealed class BrowsePath
{
    private BrowsePath(IReadOnlyList<byte[]> components) => Components = components;

    public static BrowsePath Root { get; } = new([]);

    /// <summary>The names from the root down, each a valid tree name (1–255 bytes, no '/' or NUL, not "." or "..").</summary>
    public IReadOnlyList<byte[]> Components { get; }

    public bool IsRoot => Components.Count == 0;

    /// <summary>The last name (empty for the root).</summary>
    public byte[] Name => IsRoot ? [] : Components[^1];

    public BrowsePath Child(byte[] name) =>
        TreeNames.IsValid(name) ? new([.. Components, name]) : throw new ArgumentException($"invalid name {TreeNames.Describe(name)}", nameof(name));

    public BrowsePath? Parent => IsRoot ? null : new([.. Components.Take(Components.Count - 1)]);

    /// <summary>The text form (see the type's summary): what goes into a URL parameter or <c>--path</c>.</summary>
    public override string ToString() => IsRoot ? "/" : string.Concat(Components.Select(c => "/" + EncodeName(c)));

    /// <summary>The raw path bytes, "/a/b".</summary>
    public byte[] Bytes => TreePath.Join(Components, Components.Count);

    /// <summary>For people (never for parsing): <see cref="TreeNames.Printable"/> of the raw path.</summary>
    public string Display => TreeNames.Printable(Bytes);

    /// <summary>Parses the text form; false (and null) for a '%' not followed by two hex digits, or an invalid name.</summary>
    public static bool TryParse(string? text, out BrowsePath path)
    {
        path = Root;
        if (text is null)
            return false;
        var components = new List<byte[]>();
        foreach (var part in text.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryDecodeName(part, out var name))
                return false;
            components.Add(name);
        }
        path = new BrowsePath(components);
        return true;
    }

    /// <summary>As <see cref="TryParse"/>; throws <see cref="ArgumentException"/> for text that is not a path.</summary>
    public static BrowsePath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new ArgumentException($"'{text}' is not a snapshot path (names may hold %XX byte escapes; no '.' or '..')", nameof(text));

    /// <summary>Builds a path from raw components (each must be a valid tree name).</summary>
    public static BrowsePath Of(IEnumerable<byte[]> components)
    {
        var path = Root;
        foreach (var name in components)
            path = path.Child(name);
        return path;
    }

    /// <summary>The text form of one name: valid UTF-8 kept, '%', control characters and other bytes as %XX.</summary>
    public static string EncodeName(ReadOnlySpan<byte> name)
    {
        var text = new StringBuilder(name.Length);
        while (!name.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(name, out var rune, out int consumed);
            if (status == OperationStatus.Done && !Rune.IsControl(rune) && rune.Value != '%' && rune.Value != '/')
                text.Append(rune.ToString());
            else
                foreach (byte b in name[..consumed])
                    text.Append('%').Append(Convert.ToHexString([b]));
            name = name[consumed..];
        }
        return text.ToString();
    }

    /// <summary>Decodes one name's text form; false unless it is well formed and decodes to a valid tree name.</summary>
    public static bool TryDecodeName(string text, out byte[] name)
    {
        name = [];
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length;)
        {
            if (text[i] == '%')
            {
                if (!IsHex(text, i + 1) || !IsHex(text, i + 2))
                    return false;
                bytes.Add(Convert.FromHexString(text.AsSpan(i + 1, 2))[0]);
                i += 3;
                continue;
            }
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out int used) != OperationStatus.Done)
                return false;
            int n = rune.EncodeToUtf8(utf8);
            for (int k = 0; k < n; k++)
                bytes.Add(utf8[k]);
            i += used;
        }
        name = [.. bytes];
        return TreeNames.IsValid(name);
    }

    private static bool IsHex(string text, int index) => index < text.Length && char.IsAsciiHexDigit(text[index]);

    public override bool Equals(object? obj) => obj is BrowsePath other && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
