using System.Globalization;
using CoStor.Appliance.Replication.Placement;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>
/// How many of this site's sealed packs rendezvous placement assigns to each peer. Hashing every pack for every peer
/// is the costly part of the page (100,000 packs × 4 peers), so the counts are kept until the sealed packs (their
/// count, highest and summed row ids), the peers, the gone set or <c>copies</c> change.
/// </summary>
public sealed partial class ReplicationStatusQueries
{
    private readonly Lock _assignedGate = new();
    private (string Key, Dictionary<string, long> Counts)? _assigned;

    private Dictionary<string, long> Assigned(SqliteConnection connection, SqliteTransaction transaction, ReplicationStatusRequest request)
    {
        var gone = request.Gone ?? new HashSet<string>(StringComparer.Ordinal);
        string key;
        using (var shape = connection.Command("SELECT count(*), coalesce(max(id), 0), coalesce(sum(id), 0) FROM packs WHERE state = 'sealed'", transaction))
        using (var reader = shape.ExecuteReader())
        {
            reader.Read();
            key = string.Join('\n', reader.GetInt64(0).ToString(CultureInfo.InvariantCulture), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture),
                reader.GetInt64(2).ToString(CultureInfo.InvariantCulture), request.Copies.ToString(CultureInfo.InvariantCulture),
                string.Join(',', request.Peers), string.Join(',', gone.Order(StringComparer.Ordinal)));
        }
        lock (_assignedGate)
        {
            if (_assigned is { } cached && cached.Key == key)
                return cached.Counts;
        }
        var counts = request.Peers.ToDictionary(p => p, _ => 0L, StringComparer.Ordinal);
        using (var names = connection.Command("SELECT name FROM packs WHERE state = 'sealed'", transaction))
        using (var reader = names.ExecuteReader())
        {
            while (reader.Read())
                foreach (var holder in RendezvousPlacement.Holders(reader.GetString(0), request.Peers, request.Copies, gone))
                    counts[holder]++;
        }
        lock (_assignedGate)
            _assigned = (key, counts);
        return counts;
    }
}
