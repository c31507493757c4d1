using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Replication.Retention;

namespace CoStor.Appliance.Replication.Pulling;

/// <summary>
/// Step (d) of a pull round: the owner's signed retention decisions. Only a list signed by the peer's pinned CA for
/// that peer's name counts (anything else is ignored and reported). Each held pack named is marked retired from
/// <see cref="RetirementRule.Start"/> (the later of the owner's time and now; the first marking is kept), and packs
/// whose grace (this box's <c>grace_days</c>, at least 14) has passed are deleted, file first, then row.
/// </summary>
public static class HeldRetirement
{
    /// <summary>Returns how many packs were dropped; throws <see cref="PullException"/> for a forged or foreign list.</summary>
    public static async Task<int> ApplyAsync(HttpClient http, PeerConfig peer, X509Certificate2 ca, PeerPackStore store, PeerPackTable table,
        ReplicationConfig replication, TimeProvider time, CancellationToken cancellationToken)
    {
        var list = await http.GetFromJsonAsync("peer/v1/retired", ReplicationJsonContext.Default.RetiredList, cancellationToken)
            ?? throw new PullException("the peer's retention answer was empty");
        var decisions = list.ToDecisions();
        if (!decisions.Verify(peer.Name, ca))
            throw new PullException("ignored the peer's retention decisions: not signed by its pinned CA for its name");
        var now = time.GetUtcNow();
        foreach (var decision in decisions.Decisions)
        {
            if (!Api.PeerNames.IsPack(decision.Pack))
                continue;
            if (table.Find(peer.Name, decision.Pack) is null)
            {
                if (!store.Holds(decision.Pack))
                    continue;
                table.RecordHeld(peer.Name, decision.Pack, new FileInfo(Path.Combine(store.Root, "packs", decision.Pack[..2], decision.Pack + ".pack")).Length, now);
            }
            table.MarkRetired(peer.Name, decision.Pack, RetirementRule.Start(decision.RetiredAt, now));
        }
        var dropped = 0;
        foreach (var row in table.RetiredBefore(peer.Name, now - RetirementRule.Grace(replication.GraceDays)))
        {
            store.Retire(row.Name);
            table.Remove(peer.Name, row.Name);
            dropped++;
        }
        return dropped;
    }
}
