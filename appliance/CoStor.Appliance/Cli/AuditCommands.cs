using System.CommandLine;
using System.Globalization;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;

namespace CoStor.Appliance.Cli;

/// <summary>
/// <c>audit verify [--anchor ID:HASH]</c>: walks the audit log's hash chain. Whole: <c>ok: N entries</c> on stdout and
/// the head on stderr (to keep elsewhere and pass back as <c>--anchor</c>), exit 0. Broken: the first broken link
/// on stderr, exit 1.
/// </summary>
public static class AuditCommands
{
    public static Command Build(Func<ParseResult, ApplianceConfig> resolve, TimeProvider time)
    {
        var anchor = new Option<string?>("--anchor") { Description = "a head printed by an earlier 'audit verify' (ID:HASH): also check that entry is unchanged" };
        var verify = new Command("verify", "Check the audit log's hash chain; print the first broken link, if any") { anchor };
        verify.SetAction(result => ApplianceCommands.Run(() => Verify(resolve(result), result.GetValue(anchor), time)));
        return new Command("audit", "The audit log") { verify };
    }

    private static int Verify(ApplianceConfig config, string? anchorText, TimeProvider time)
    {
        var exported = anchorText is null ? null : ParseAnchor(anchorText);
        var database = CatalogueDatabase.Open(ApplianceCommands.RequireSite(config).CataloguePath);
        var result = new AuditLog(database, time).Verify(exported);
        if (!result.Ok)
            throw new ApplianceException(result.Problem!);
        Console.Out.WriteLine($"ok: {result.Entries} entries");
        if (result.Head is { } head)
            Console.Error.WriteLine($"head {head} (keep it elsewhere: 'audit verify --anchor {head}' later shows whether anything up to it changed)");
        return 0;
    }

    private static AuditAnchor ParseAnchor(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 &&
            parts[1].Length == 64 && parts[1].All(Uri.IsHexDigit))
            return new AuditAnchor(id, 0, Convert.FromHexString(parts[1]));
        throw new ApplianceException($"--anchor '{text}' is not ID:HASH (as 'audit verify' prints the head: 1234:<64 hex digits>)");
    }
}
