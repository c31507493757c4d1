namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>
/// This box as the peer's holder (from <c>peer_packs</c> and <c>peer_status</c>). <see cref="RecentBytes"/>: bytes of
/// its packs received in the last <see cref="ReplicationStatusQueries.RecentWindow"/>; <see cref="CatchUp"/>: bytes
/// behind over that rate (zero when nothing is behind, null when something is but nothing arrived recently).
/// </summary>
public sealed record HolderFigures(
    long HeldPacks, long HeldBytes, long PacksBehind, long BytesBehind, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError,
    long RecentBytes, TimeSpan? CatchUp)
{
    /// <summary>The last error came after the last success (or there was never one): pulling is failing now.</summary>
    public bool Failing => LastErrorAt is { } error && (LastSuccessAt is not { } success || error >= success);
}
