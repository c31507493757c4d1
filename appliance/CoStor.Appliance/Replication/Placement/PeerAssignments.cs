using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;

namespace CoStor.Appliance.Replication.Placement;

/// <summary>
/// The owner's side of placement: which of this site's sealed packs each configured peer should hold
/// (<see cref="RendezvousPlacement"/> over the configured peers with <c>copies</c>, leaving out peers gone longer than
/// <c>peer_gone_days</c>). A peer is gone when its last successful round here (<c>peer_status.last_success_at</c>) is
/// older than that; a peer never reached is not gone (a new peer must not lose its share before its first contact).
/// </summary>
public sealed class PeerAssignments(CatalogueDatabase database, ApplianceConfig config, PeerStatusStore status, TimeProvider time)
{
    /// <summary>The most packs one page of <c>/peer/v1/assigned</c> holds.</summary>
    public const int MaxPage = 1000;

    private readonly string[] _peers = [.. config.Peers.Select(p => p.Name)];

    /// <summary>The configured peers gone now.</summary>
    public IReadOnlySet<string> Gone()
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(config.Replication.PeerGoneDays);
        return status.All().Where(s => s.LastSuccessAt is { } last && last < cutoff).Select(s => s.Site).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether <paramref name="peer"/> (a configured name) is among the holders of <paramref name="pack"/>.</summary>
    public bool IsAssigned(string pack, string peer, IReadOnlySet<string>? gone = null) =>
        RendezvousPlacement.Holders(pack, _peers, config.Replication.Copies, gone ?? Gone()).Contains(peer, StringComparer.Ordinal);

    /// <summary>
    /// This site's sealed packs assigned to <paramref name="peer"/> named after <paramref name="after"/>, in name order, at
    /// most <paramref name="limit"/> (clamped to 1..<see cref="MaxPage"/>); <c>Next</c> is the name to continue after, null at the end.
    /// </summary>
    public (IReadOnlyList<(string Name, long Size)> Packs, string? Next) Page(string peer, string? after, int limit)
    {
        limit = Math.Clamp(limit, 1, MaxPage);
        var gone = Gone();
        var found = new List<(string, long)>(Math.Min(limit, 256));
        using var connection = database.Connect();
        var cursor = after;
        while (found.Count < limit)
        {
            var batch = PackTable.SealedAfter(connection, cursor, MaxPage);
            foreach (var (name, size) in batch)
            {
                cursor = name;
                if (IsAssigned(name, peer, gone))
                {
                    found.Add((name, size));
                    if (found.Count == limit)
                        return (found, name);
                }
            }
            if (batch.Count < MaxPage)
                return (found, null);
        }
        return (found, cursor);
    }

    /// <summary>Every sealed pack of this site assigned to <paramref name="peer"/>, in name order.</summary>
    public IReadOnlyList<(string Name, long Size)> All(string peer)
    {
        var all = new List<(string, long)>();
        string? after = null;
        do
        {
            var (packs, next) = Page(peer, after, MaxPage);
            all.AddRange(packs);
            after = next;
        }
        while (after is not null);
        return all;
    }

    /// <summary>The size of this site's sealed pack <paramref name="name"/>, or null when there is none.</summary>
    public long? SealedSize(string name)
    {
        using var connection = database.Connect();
        return PackTable.SealedSize(connection, name);
    }
}
