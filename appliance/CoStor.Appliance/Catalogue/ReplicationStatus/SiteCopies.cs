namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>
/// This site's sealed packs by proven copies: <see cref="ByCopies"/>[i] packs have i + 1 (this site's own copy plus
/// i proven peers; the last bucket also counts packs with more). <see cref="ShortForOverADay"/>: packs sealed more than
/// a day ago with fewer than <c>copies</c>.
/// </summary>
public sealed record SiteCopies(IReadOnlyList<long> ByCopies, long SealedPacks, long ShortForOverADay);
