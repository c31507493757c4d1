namespace CoStor.Appliance.Catalogue;

/// <summary>
/// A filter over the audit log. <see cref="Actor"/>: exact (<c>user:ann</c>); <see cref="ActionPrefix"/>: the action
/// starts with it (<c>user.</c>); <see cref="From"/> inclusive, <see cref="To"/> exclusive. Pages run newest first:
/// <see cref="Before"/> is the cursor (entries with a smaller id; null: from the newest), <see cref="Limit"/> the
/// page size (1–1000). The CSV export ignores the cursor and limit.
/// </summary>
public sealed record AuditQuery(
    string? Actor = null, string? ActionPrefix = null, DateTimeOffset? From = null, DateTimeOffset? To = null, long? Before = null, int Limit = 50)
{
    public const int MaxLimit = 1000;
}
