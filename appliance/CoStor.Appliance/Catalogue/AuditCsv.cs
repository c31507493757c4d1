using System.Text;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The audit export's CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, quote,
/// CR or LF, quotes doubled). A cell that starts with <c>= + - @</c>, tab or CR gets a leading <c>'</c>, so a
/// spreadsheet shows it as text instead of running it as a formula (an actor name or detail can be chosen by
/// whoever acted). Times are ISO 8601 UTC as stored; the hash is lowercase hex.
/// </summary>
public static class AuditCsv
{
    public const string Header = "id,at,actor,action,target,detail,address,outcome,hash\r\n";

    internal static string Line(AuditRow row)
    {
        var line = new StringBuilder(160);
        line.Append(row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var field in new[] { row.At, row.Actor, row.Action, row.Target, row.Detail, row.Address, row.Outcome })
            line.Append(',').Append(Cell(field));
        line.Append(',').Append(row.Hash is null ? "" : Convert.ToHexStringLower(row.Hash)).Append("\r\n");
        return line.ToString();
    }

    /// <summary>One field, guarded against formula injection and quoted when it must be.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
