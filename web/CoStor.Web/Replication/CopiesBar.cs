namespace CoStor.Web.Replication;

/// <summary>This site's sealed packs by proven copies: <see cref="ByCopies"/>[i] have i + 1 (the last bucket: that many or more).</summary>
public sealed record CopiesBar(IReadOnlyList<long> ByCopies, long SealedPacks, long ShortForOverADay);
