namespace CoStor.Web.Audit;

/// <summary>The audit page's filter as typed (dates as yyyy-MM-dd), and the same as a query string for links.</summary>
public sealed record AuditFilter(string? Actor, string? Action, string? From, string? To)
{
    public string QueryString => string.Join('&', new[] { ("actor", Actor), ("action", Action), ("from", From), ("to", To) }
        .Where(pair => !string.IsNullOrEmpty(pair.Item2)).Select(pair => $"{pair.Item1}={Uri.EscapeDataString(pair.Item2!)}"));
}
