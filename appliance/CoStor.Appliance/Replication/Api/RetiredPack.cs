namespace CoStor.Appliance.Replication.Api;

/// <summary>One signed retention decision on the wire: pack <paramref name="Pack"/> retired at <paramref name="At"/>.</summary>
public sealed record RetiredPack(string Pack, DateTimeOffset At);
