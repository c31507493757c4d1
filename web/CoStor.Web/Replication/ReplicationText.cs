namespace CoStor.Web.Replication;

/// <summary>The replication page's figures as sentences a person who is not a storage expert reads at a glance.</summary>
public static class ReplicationText
{
    /// <summary>"We hold 1,204 of south's 1,210 packs assigned to us (12 GB); 6 waiting, about 3 minutes to catch up."</summary>
    public static string Holding(PeerPanel peer)
    {
        var assigned = peer.HeldPacks + peer.PacksBehind;
        if (assigned == 0)
            return peer.LastSuccessAt is null ? $"Nothing received from {peer.Name} yet." : $"{peer.Name} has no packs for us to keep yet.";
        var held = $"We hold {Format.Count(peer.HeldPacks)} of {peer.Name}'s {Format.Count(assigned)} {Packs(assigned)} assigned to us ({Format.Bytes(peer.HeldBytes)})";
        if (peer.PacksBehind == 0)
            return held + "; all caught up.";
        var waiting = $"{Format.Count(peer.PacksBehind)} waiting ({Format.Bytes(peer.BytesBehind)})";
        return peer.CatchUp is { } catchUp
            ? $"{held}; {waiting}, about {Duration(catchUp)} to catch up."
            : $"{held}; {waiting}. Nothing arrived in the last hour, so how long catching up takes is unknown.";
    }

    /// <summary>"Last reached 2 h ago." / "Never reached (configured 3 days ago)."</summary>
    public static string Reached(PeerPanel peer, DateTimeOffset now) => peer.LastSuccessAt is { } success
        ? $"Last reached {Format.Ago(success, now)}."
        : peer.ConfiguredSince is { } since ? $"Never reached (configured {Format.Ago(since, now)})." : "Never reached.";

    /// <summary>"South holds 1,190 of the 1,210 of our packs assigned to it, proven." and proof failures.</summary>
    public static string Owning(PeerPanel peer)
    {
        if (peer.Assigned == 0)
            return $"None of our packs are assigned to {peer.Name} yet.";
        return peer.Proven == peer.Assigned
            ? $"{peer.Name} has proved it holds all {Format.Count(peer.Assigned)} of our {Packs(peer.Assigned)} assigned to it."
            : $"{peer.Name} has proved it holds {Format.Count(peer.Proven)} of the {Format.Count(peer.Assigned)} of our {Packs(peer.Assigned)} assigned to it.";
    }

    /// <summary>"2 packs failed their latest proof" (null when none did).</summary>
    public static string? ProofFailures(PeerPanel peer) => peer.FailingProofs == 0 ? null
        : $"{Format.Count(peer.FailingProofs)} {(peer.FailingProofs == 1 ? "pack" : "packs")} failed the latest proof";

    /// <summary>"1 copy (only here)", "2 copies".</summary>
    public static string Copies(int copies, bool orMore) => copies == 1 ? "1 copy (only here)" : $"{copies}{(orMore ? " or more" : "")} copies";

    /// <summary>"about 40 seconds", "3 minutes", "5 hours", "2 days": one unit, rounded up, never "0".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalMinutes < 1 ? "a minute"
        : span.TotalHours < 1 ? Unit(Math.Ceiling(span.TotalMinutes), "minute")
        : span.TotalDays < 2 ? Unit(Math.Ceiling(span.TotalHours), "hour")
        : Unit(Math.Ceiling(span.TotalDays), "day");

    private static string Unit(double value, string unit) => value == 1 ? $"1 {unit}" : $"{value:0} {unit}s";

    private static string Packs(long count) => count == 1 ? "pack" : "packs";
}
