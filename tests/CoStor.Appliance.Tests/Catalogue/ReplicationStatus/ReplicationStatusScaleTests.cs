using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Catalogue.ReplicationStatus;
using CoStor.Appliance.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Tests.Catalogue.ReplicationStatus;

/// <summary>
/// The status figures stay right at size: 20,000 sealed packs of ours, 4 peers each holding 20,000 packs for us to
/// keep and proving their share of ours (copies 3). How long the queries take at 100,000 packs is a measurement
/// (docs/replication.md, "Status"), not a test bound.
/// </summary>
[NotInParallel(nameof(ReplicationStatusScaleTests))]
public class ReplicationStatusScaleTests
{
    private const int Packs = 20_000;
    private static readonly string[] Peers = ["north", "south", "east", "west"];
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Status_and_problems_are_right_for_many_packs_and_4_peers()
    {
        using var scratch = new ScratchDirectory();
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        Fill(database);
        var queries = new ReplicationStatusQueries(database, new ManualTime(Now));
        var request = new ReplicationStatusRequest(Peers, Copies: 3);

        var overview = queries.Overview(request);
        var again = queries.Overview(request);

        await Assert.That(overview.Site.SealedPacks).IsEqualTo((long)Packs);
        await Assert.That(overview.Peers.Sum(p => p.Owning.Assigned)).IsEqualTo(2L * Packs);
        await Assert.That(overview.Peers.All(p => p.Holding.HeldPacks == Packs)).IsTrue();
        await Assert.That(again.Peers.Sum(p => p.Owning.Assigned)).IsEqualTo(2L * Packs).Because("the cached placement gives the same answer");
        await Assert.That(overview.Peers.Sum(p => p.Owning.Failing)).IsEqualTo((long)(Packs / 50)).Because("every 50th pack's second proof failed");
    }

    /// <summary>Ours: pack i sealed i minutes before now, proven at two peers (one of them failing every 50th). Theirs: as many per peer, one an hour's worth recent.</summary>
    private static void Fill(CatalogueDatabase database)
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var pack = BulkInsert.Prepared(connection, transaction, "INSERT INTO packs (id, name, state, size, blob_count, created_at, sealed_at) VALUES ($id, $name, 'sealed', 1000, 1, $at, $at)", "$id", "$name", "$at");
        using var proof = BulkInsert.Prepared(connection, transaction, "INSERT INTO replica_proofs (pack_name, peer, proven_at, failed_at, failure) VALUES ($pack, $peer, $at, $failed, $why)", "$pack", "$peer", "$at", "$failed", "$why");
        using var held = BulkInsert.Prepared(connection, transaction, "INSERT INTO peer_packs (site, name, size, state, received_at) VALUES ($site, $name, 1000, 'held', $at)", "$site", "$name", "$at");
        for (var i = 0; i < Packs; i++)
        {
            var name = Name(i, 0);
            var at = Time(Now.AddMinutes(-i));
            BulkInsert.Run(pack, i + 1, name, at);
            var failing = i % 50 == 0;
            BulkInsert.Run(proof, name, Peers[i % 4], at, DBNull.Value, DBNull.Value);
            BulkInsert.Run(proof, name, Peers[(i + 1) % 4], at, failing ? at : DBNull.Value, failing ? "no answer" : DBNull.Value);
            foreach (var (peer, p) in Peers.Select((peer, p) => (peer, p)))
                BulkInsert.Run(held, peer, Name(i, p + 1), Time(Now.AddSeconds(-i * 10)));
        }
        transaction.Commit();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static string Name(int i, int salt) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i * 8L + salt)));
}
