using System.Globalization;
using System.Text;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Names people give agents and groups: 1–<c>max</c> characters after trimming, all printable — no control, format
/// (such as right-to-left overrides that make one name look like another), private-use, unassigned or lone
/// surrogate characters, and no line breaks.
/// </summary>
public static class DisplayName
{
    /// <summary>The trimmed name, or null with <paramref name="problem"/> saying why it is refused.</summary>
    public static string? Check(string? value, int max, string what, out string? problem)
    {
        var name = value?.Trim() ?? "";
        problem = name.Length == 0 || name.Length > max ? $"{what} must be 1-{max} characters"
            : Printable(name) ? null
            : $"{what} may hold only printable characters";
        return problem is null ? name : null;
    }

    private static bool Printable(string name)
    {
        for (var i = 0; i < name.Length; i += char.IsSurrogatePair(name, i) ? 2 : 1)
        {
            if (!Rune.TryGetRuneAt(name, i, out var rune))
                return false;
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return false;
        }
        return true;
    }
}
