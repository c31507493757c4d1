using System.Globalization;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Audit;
using RazorSlices;

namespace CoStor.Appliance.Web.Audit;

/// <summary>
/// <c>/audit</c> (admins): the log, newest first, filtered by person, action prefix and dates (UTC days, both
/// inclusive), a page at a time; <c>/audit.csv</c> streams the same filter as CSV; <c>?verify=1</c> walks the chain.
/// </summary>
public static class AuditEndpoints
{
    private const int PageSize = 100;

    public static void MapAudit(this IEndpointRouteBuilder admins)
    {
        admins.MapGet("/audit", Show);
        admins.MapGet("/audit.csv", ExportAsync);
    }

    private static RazorSlice Show(HttpContext context, PageFrames frames, AuditLog audit, string? actor, string? action, string? from, string? to,
        long? before, string? verify)
    {
        var filter = new AuditFilter(Blank(actor), Blank(action), Blank(from), Blank(to));
        var frame = frames.For(context, "Audit log", "audit");
        if (Query(filter, before, PageSize) is not { } query)
            return CoStor.Web.Audit.AuditPage.Create(new AuditView(frame, filter, [], null, "Dates must be written as yyyy-mm-dd.", null, false)).WithStatus(StatusCodes.Status400BadRequest);
        var page = audit.Query(query);
        string? verification = null;
        var ok = false;
        if (verify is not null)
        {
            var result = audit.Verify();
            ok = result.Ok;
            verification = ok ? $"The chain is whole: {result.Entries} entries, head {result.Head}." : $"The chain is broken: {result.Problem}";
        }
        return CoStor.Web.Audit.AuditPage.Create(new AuditView(frame, filter, [.. page.Entries.Select(entry => new AuditRowView(entry.Id, entry.At, entry.Actor, entry.Action,
            entry.Target, entry.Detail, entry.Address, entry.Outcome))], page.NextBefore, null, verification, ok));
    }

    private static async Task<IResult> ExportAsync(HttpContext context, PersonCaller person, AuditLog audit, TimeProvider time, string? actor, string? action, string? from, string? to)
    {
        if (Query(new AuditFilter(Blank(actor), Blank(action), Blank(from), Blank(to)), null, AuditQuery.MaxLimit) is not { } query)
            return TypedResults.BadRequest("dates must be written as yyyy-mm-dd");
        audit.Record(new AuditEvent(person.Name, "audit.export", Detail: context.Request.QueryString.Value, Address: context.Connection.RemoteIpAddress?.ToString()));
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"costor-audit-{time.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
        await audit.ExportCsvAsync(query, context.Response.Body, context.RequestAborted);
        return TypedResults.Empty;
    }

    /// <summary>The catalogue's query for a filter; null when a date does not parse.</summary>
    private static AuditQuery? Query(AuditFilter filter, long? before, int limit)
    {
        if (!TryDay(filter.From, out var from) || !TryDay(filter.To, out var to))
            return null;
        return new AuditQuery(filter.Actor, filter.Action, from, to?.AddDays(1), before, limit);
    }

    private static bool TryDay(string? text, out DateTimeOffset? day)
    {
        day = null;
        if (text is null)
            return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return false;
        day = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return true;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
