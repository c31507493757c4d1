namespace CoStor.Appliance.Replication.Retention;

/// <summary>
/// When a holder may drop its copy of a retired pack (docs/replication.md, "Deletions"). The grace is the holder's
/// own <c>grace_days</c> but never under <see cref="MinimumGraceDays"/>, and it runs on the holder's clock from the
/// later of the owner's stated time and when the holder first saw the decision — so the owner can neither shorten
/// the grace by configuration nor by back-dating a decision.
/// </summary>
public static class RetirementRule
{
    public const int MinimumGraceDays = 14;

    /// <summary>The grace actually applied: <c>max(14, graceDays)</c> days.</summary>
    public static TimeSpan Grace(int graceDays) => TimeSpan.FromDays(Math.Max(MinimumGraceDays, graceDays));

    /// <summary>From when the grace runs: the later of the owner's time and the holder's first sight of the decision.</summary>
    public static DateTimeOffset Start(DateTimeOffset ownerRetiredAt, DateTimeOffset firstSeenAt) =>
        ownerRetiredAt > firstSeenAt ? ownerRetiredAt : firstSeenAt;

    /// <summary>Whether a pack whose grace started at <paramref name="retiredAt"/> may be dropped at <paramref name="now"/>.</summary>
    public static bool Due(DateTimeOffset retiredAt, DateTimeOffset now, int graceDays) => now >= retiredAt + Grace(graceDays);
}
