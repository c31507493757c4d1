using System.Text.RegularExpressions;
using Tomlyn;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace CoStor.Appliance.Configuration;

/// <summary>
/// Turns a <see cref="TomlException"/> from deserialization into readable error lines. TOML syntax errors
/// (all of them, from a tolerant re-parse) read <c>line L, column C: message</c>; a value of the wrong type
/// reads <c>limits.key_burst: expected an integer, not a string (line 2, column 13)</c>, its key path found
/// in the syntax tree at the reported position. Lines and columns are 1-based.
/// </summary>
internal static partial class TomlErrors
{
    public static IReadOnlyList<string> Describe(TomlException exception, string toml)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(toml);
        }
        catch (TomlException stopped)
        {
            // The re-parse stops at what it cannot tolerate (nesting past Tomlyn's depth limit): that is the error
            // to report, and its exception must not escape the loader.
            return [Whole(stopped)];
        }

        if (document.HasErrors)
        {
            return [.. document.Diagnostics.Select(d => $"{At(d.Span.Start)}: {d.Message}")];
        }

        var errors = new List<string>();
        foreach (var diagnostic in exception.Diagnostics)
        {
            var position = diagnostic.Span.Start;
            var message = Simplify(diagnostic.Message);
            errors.Add(KeyPathAt(document, position) is { } path
                ? $"{path}: {message} ({At(position)})"
                : $"{At(position)}: {message}");
        }

        if (errors.Count == 0)
        {
            errors.Add(Whole(exception));
        }

        return errors;
    }

    /// <summary>
    /// Adds the line to each validation error (<c>peers[0].window: ... (line 9, column 10)</c>): the value of the key
    /// the error names, or for a missing key the table that lacks it. Errors about values the file does not hold
    /// (defaults, command-line overrides) are left as they are.
    /// </summary>
    public static IReadOnlyList<string> Locate(IReadOnlyList<string> errors, string toml, IReadOnlyCollection<string> overridden)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(toml);
        }
        catch (TomlException)
        {
            return errors;
        }

        var positions = Positions(document);
        var located = new List<string>(errors.Count);
        foreach (var error in errors)
        {
            var path = error[..Math.Max(0, error.IndexOf(": ", StringComparison.Ordinal))];
            var fromCommandLine = overridden.Any(o => path == o || path.StartsWith(o + "[", StringComparison.Ordinal));
            located.Add(!fromCommandLine && Find(positions, path) is { } at ? $"{error} ({At(at)})" : error);
        }

        return located;
    }

    private static TextPosition? Find(Dictionary<string, TextPosition> positions, string path)
    {
        while (path.Length > 0)
        {
            if (positions.TryGetValue(path, out var at))
                return at;
            // server.urls[1] → server.urls; peers[0].name (missing) → peers[0]; never up to the document itself.
            var cut = path.EndsWith(']') ? path.LastIndexOf('[') : path.LastIndexOf('.');
            path = cut > 0 ? path[..cut] : "";
        }

        return null;
    }

    /// <summary>Every key path in the document → where its value starts (for a table: where its header starts).</summary>
    private static Dictionary<string, TextPosition> Positions(DocumentSyntax document)
    {
        var positions = new Dictionary<string, TextPosition>(StringComparer.Ordinal);
        foreach (var item in document.KeyValues)
            positions.TryAdd(KeyText(item.Key), (item.Value ?? (SyntaxNode)item).Span.Start);
        var arrayCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in document.Tables)
        {
            var name = KeyText(table.Name);
            if (table is TableArraySyntax)
            {
                var index = arrayCounts.GetValueOrDefault(name);
                arrayCounts[name] = index + 1;
                name = $"{name}[{index}]";
            }

            positions.TryAdd(name, table.Span.Start);
            foreach (var item in table.Items)
                positions.TryAdd($"{name}.{KeyText(item.Key)}", (item.Value ?? (SyntaxNode)item).Span.Start);
        }

        return positions;
    }

    private static string Whole(TomlException exception) =>
        exception.Line is { } line ? $"line {line}, column {exception.Column}: {exception.Message}" : exception.Message;

    private static string At(TextPosition position) => $"line {position.Line + 1}, column {position.Column + 1}";

    /// <summary>The dotted key path (<c>peers[1].url</c>) of the key/value pair that covers a position.</summary>
    private static string? KeyPathAt(DocumentSyntax document, TextPosition position)
    {
        foreach (var item in document.KeyValues)
        {
            if (Covers(item, position))
            {
                return KeyText(item.Key);
            }
        }

        var arrayCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in document.Tables)
        {
            var name = KeyText(table.Name);
            if (table is TableArraySyntax)
            {
                var index = arrayCounts.GetValueOrDefault(name);
                arrayCounts[name] = index + 1;
                name = $"{name}[{index}]";
            }

            foreach (var item in table.Items)
            {
                if (Covers(item, position))
                {
                    return $"{name}.{KeyText(item.Key)}";
                }
            }
        }

        return null;
    }

    private static bool Covers(SyntaxNode node, TextPosition position) =>
        Compare(node.Span.Start, position) <= 0 && Compare(position, node.Span.End) <= 0;

    private static int Compare(TextPosition a, TextPosition b) =>
        a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column);

    private static string KeyText(KeySyntax? key)
    {
        if (key is null)
        {
            return "";
        }

        var parts = new List<string> { KeyPart(key.Key) };
        parts.AddRange(key.DotKeys.Select(d => KeyPart(d.Key)));
        return string.Join('.', parts);
    }

    private static string KeyPart(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    /// <summary>Tomlyn reports type mismatches as converter failures; keep only "expected X, not Y".</summary>
    private static string Simplify(string message)
    {
        var match = ExpectedToken().Match(message);
        return match.Success
            ? $"expected {Describe(match.Groups["expected"].Value)}, not {Describe(match.Groups["actual"].Value)}"
            : message;
    }

    private static string Describe(string token) => token switch
    {
        "Integer" => "an integer",
        "Float" => "a float",
        "String" => "a string",
        "Boolean" => "a boolean",
        "DateTime" => "a date/time",
        "StartArray" => "an array",
        "StartTable" => "a table",
        _ => token,
    };

    [GeneratedRegex(@"Expected (?<expected>\w+) token but was (?<actual>\w+)")]
    private static partial Regex ExpectedToken();
}
