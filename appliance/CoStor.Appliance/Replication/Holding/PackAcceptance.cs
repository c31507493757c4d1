namespace CoStor.Appliance.Replication.Holding;

/// <summary>
/// The outcome of <see cref="PeerPackStore.Complete"/>: the pack is held (durably), or it was refused and nothing of
/// it is left — <see cref="Refusal"/> says why, for the peer's status line.
/// </summary>
public sealed record PackAcceptance(bool Accepted, string? Refusal)
{
    public static PackAcceptance Held { get; } = new(true, null);

    public static PackAcceptance Refused(string reason) => new(false, reason);
}
