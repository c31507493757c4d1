using System.Security.Cryptography;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>peer_packs, peer_status and replica_proofs on a real, migrated catalogue.</summary>
public class ReplicationTablesTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_held_pack_is_retired_once_and_its_grace_start_never_moves()
    {
        using var scratch = new ScratchDirectory();
        var table = new PeerPackTable(CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db")));
        var name = Name();
        table.RecordHeld("south", name, 1234, Start);
        table.RecordHeld("south", name, 9999, Start.AddDays(1)); // again: unchanged

        await Assert.That(table.Find("south", name)).IsEqualTo(new PeerPackRow("south", name, 1234, false, Start, null));
        await Assert.That(table.Totals("south")).IsEqualTo((1L, 1234L));

        await Assert.That(table.MarkRetired("south", name, Start.AddDays(2))).IsTrue();
        await Assert.That(table.MarkRetired("south", name, Start.AddDays(-30))).IsFalse();
        await Assert.That(table.Find("south", name)!.RetiredAt).IsEqualTo(Start.AddDays(2));

        await Assert.That(table.RetiredBefore("south", Start.AddDays(1))).IsEmpty();
        await Assert.That(table.RetiredBefore("south", Start.AddDays(2)).Select(r => r.Name).ToList()).IsEquivalentTo([name]);
        await Assert.That(table.RetiredBefore("east", Start.AddDays(3))).IsEmpty();
        table.Remove("south", name);
        await Assert.That(table.Find("south", name)).IsNull();
    }

    [Test]
    public async Task Peer_status_keeps_the_last_success_through_errors_and_adds_up_bytes()
    {
        using var scratch = new ScratchDirectory();
        var time = new ManualTime(Start);
        var store = new PeerStatusStore(CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db")), time);

        store.RecordBehind("south", 3, 3000);
        store.RecordSuccess("south", 1000);
        time.Advance(TimeSpan.FromMinutes(1));
        store.RecordSuccess("south", 500);
        time.Advance(TimeSpan.FromMinutes(1));
        store.RecordError("south", "connection refused");

        var status = store.Find("south")!;
        await Assert.That(status.LastSuccessAt).IsEqualTo(Start.AddMinutes(1));
        await Assert.That(status.LastErrorAt).IsEqualTo(Start.AddMinutes(2));
        await Assert.That(status.LastError).IsEqualTo("connection refused");
        await Assert.That(status.BytesReceived).IsEqualTo(1500);
        await Assert.That((status.PacksBehind, status.BytesBehind)).IsEqualTo((3L, 3000L));
        await Assert.That(store.All().Count).IsEqualTo(1);
    }

    [Test]
    public async Task Proofs_count_per_peer_and_a_later_failure_stops_a_copy_counting()
    {
        using var scratch = new ScratchDirectory();
        var time = new ManualTime(Start);
        var store = new ReplicaProofStore(CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db")), time);
        string a = Name(), b = Name();

        store.RecordProven(a, "south");
        store.RecordProven(b, "south");
        store.RecordProven(a, "east");
        store.RecordFailed(b, "south", "the answer does not match");
        await Assert.That(store.IsProven(b, "south")).IsFalse();
        await Assert.That(store.ProvenCounts()).IsEquivalentTo(new Dictionary<string, long> { ["south"] = 1, ["east"] = 1 });

        store.RecordProven(b, "south");
        store.Forget(a, "east");
        await Assert.That(store.IsProven(b, "south")).IsTrue();
        await Assert.That(store.ProvenCounts()).IsEquivalentTo(new Dictionary<string, long> { ["south"] = 2 });
    }

    [Test]
    public async Task Packs_with_too_few_proven_copies_for_more_than_a_day_are_listed()
    {
        using var scratch = new ScratchDirectory();
        var time = new ManualTime(Start);
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        var store = new ReplicaProofStore(database, time);
        string old = Seal(database, Start.AddDays(-3)), covered = Seal(database, Start.AddDays(-3)), fresh = Seal(database, Start.AddHours(-2));
        store.RecordProven(covered, "south");
        store.RecordProven(covered, "east");
        store.RecordProven(old, "south");
        store.RecordProven(old, "east");
        store.RecordFailed(old, "east", "no answer");

        var under = store.UnderReplicated(peerCopies: 2, TimeSpan.FromDays(1));

        await Assert.That(under).IsEquivalentTo([(old, 1L)]);
        await Assert.That(store.UnderReplicated(peerCopies: 1, TimeSpan.FromDays(1))).IsEmpty();
        await Assert.That(store.UnderReplicated(peerCopies: 2, TimeSpan.FromHours(1)).Select(p => p.Name).ToList()).Contains(fresh);
    }

    private static string Seal(CatalogueDatabase database, DateTimeOffset at)
    {
        using var connection = database.Connect();
        var id = PackTable.CreateOpen(connection, at);
        var name = Name();
        PackTable.MarkSealing(connection, id, name, 100, 1);
        PackTable.MarkSealed(connection, id, at);
        return name;
    }

    private static string Name() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
