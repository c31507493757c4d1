namespace CoStor.Appliance.Replication.Retention;

/// <summary>"Pack <paramref name="Pack"/> retired at <paramref name="RetiredAt"/>" as the owner states it.</summary>
public sealed record RetentionDecision(string Pack, DateTimeOffset RetiredAt);
