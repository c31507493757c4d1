using System.Security.Cryptography;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Catalogue.Dashboard;
using CoStor.Appliance.Catalogue.ReplicationStatus;
using CoStor.Appliance.Replication.Placement;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue.ReplicationStatus;

/// <summary>The replication status figures on a real site's catalogue, filled through the replication stores on a hand-moved clock.</summary>
public class ReplicationStatusQueriesTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Holding_figures_say_what_is_behind_and_how_long_catching_up_takes_at_the_recent_rate()
    {
        using var f = new Fixture();
        f.Held("south", Now.AddHours(-2), 5000); // before the window: not part of the rate
        f.Held("south", Now.AddMinutes(-40), 1000);
        f.Held("south", Now.AddMinutes(-10), 1000);
        f.Status.RecordBehind("south", 2, 6000);
        f.Status.RecordSuccess("south", 7000);
        f.Held("east", Now.AddMinutes(-5), 300);
        f.Status.RecordBehind("east", 0, 0);
        f.Status.RecordSuccess("east", 300);
        f.Held("west", Now.AddDays(-3), 800);
        f.Status.RecordBehind("west", 4, 4000);

        var peers = f.Queries.Overview(new ReplicationStatusRequest(["south", "east", "west"])).Peers;

        var south = peers[0].Holding;
        await Assert.That((south.HeldPacks, south.HeldBytes, south.PacksBehind, south.BytesBehind, south.RecentBytes)).IsEqualTo((3L, 7000L, 2L, 6000L, 2000L));
        await Assert.That(south.CatchUp).IsEqualTo(TimeSpan.FromHours(3)); // 6000 B at 2000 B an hour
        await Assert.That(south.LastSuccessAt).IsEqualTo(Now);
        await Assert.That(peers[1].Holding.CatchUp).IsEqualTo(TimeSpan.Zero);
        await Assert.That(peers[2].Holding.CatchUp).IsNull(); // behind, but nothing arrived in the last hour
        await Assert.That(peers[2].Holding.LastSuccessAt).IsNull();
    }

    [Test]
    public async Task An_error_after_the_last_success_is_failing_and_one_before_it_is_not()
    {
        using var f = new Fixture();
        f.Status.RecordSuccess("south", 0);
        f.Time.Advance(TimeSpan.FromMinutes(5));
        f.Status.RecordError("south", "connection refused");
        f.Status.RecordError("east", "certificate does not match the pinned fingerprint");
        f.Time.Advance(TimeSpan.FromMinutes(5));
        f.Status.RecordSuccess("east", 0);

        var peers = f.Queries.Overview(new ReplicationStatusRequest(["south", "east"])).Peers;

        await Assert.That(peers[0].Holding.Failing).IsTrue();
        await Assert.That(peers[0].Holding.LastError).IsEqualTo("connection refused");
        await Assert.That(peers[1].Holding.Failing).IsFalse();
    }

    [Test]
    public async Task A_proof_failure_after_a_success_counts_as_failing_with_its_reason()
    {
        using var f = new Fixture();
        string a = f.Seal(Now.AddDays(-3)), b = f.Seal(Now.AddDays(-3)), c = f.Seal(Now.AddDays(-3));
        f.Proofs.RecordProven(a, "south");
        f.Proofs.RecordProven(b, "south");
        f.Proofs.RecordProven(c, "south");
        f.Time.Advance(TimeSpan.FromMinutes(1));
        f.Proofs.RecordFailed(b, "south", "no answer");
        f.Time.Advance(TimeSpan.FromMinutes(1));
        f.Proofs.RecordFailed(c, "south", "the answer does not match");

        var owning = f.Queries.Overview(new ReplicationStatusRequest(["south"])).Peers[0].Owning;

        await Assert.That((owning.Assigned, owning.Proven, owning.Failing)).IsEqualTo((3L, 1L, 2L)); // copies 2, one peer: every pack is its
        await Assert.That(owning.LatestFailure).IsEqualTo("the answer does not match");
        await Assert.That(owning.LatestFailureAt).IsEqualTo(Now.AddMinutes(2));

        f.Proofs.RecordProven(c, "south");
        owning = f.Queries.Overview(new ReplicationStatusRequest(["south"])).Peers[0].Owning;
        await Assert.That((owning.Proven, owning.Failing, owning.LatestFailure)).IsEqualTo((2L, 1L, "no answer"));
    }

    [Test]
    public async Task Sealed_packs_are_counted_by_proven_copies_from_configured_peers_only()
    {
        using var f = new Fixture();
        string none = f.Seal(Now.AddDays(-3)), one = f.Seal(Now.AddDays(-3)), two = f.Seal(Now.AddDays(-3)), failed = f.Seal(Now.AddDays(-3));
        f.Seal(Now.AddHours(-1));
        f.Proofs.RecordProven(one, "south");
        f.Proofs.RecordProven(two, "south");
        f.Proofs.RecordProven(two, "east");
        f.Proofs.RecordProven(failed, "south");
        f.Proofs.RecordProven(failed, "east");
        f.Proofs.RecordFailed(failed, "east", "no answer");
        f.Proofs.RecordProven(none, "gone-peer"); // not configured: does not count

        var site = f.Queries.Overview(new ReplicationStatusRequest(["south", "east"], Copies: 3)).Site;

        await Assert.That(site.ByCopies).IsEquivalentTo([2L, 2L, 1L]);
        await Assert.That(site.SealedPacks).IsEqualTo(5L);
        await Assert.That(site.ShortForOverADay).IsEqualTo(3L); // none, one, failed; the fresh pack is not yet a day old
        await Assert.That(f.Queries.Overview(new ReplicationStatusRequest(["south", "east"], Copies: 2)).Site.ByCopies).IsEquivalentTo([2L, 3L]);
    }

    [Test]
    public async Task A_pack_short_of_copies_warns_after_25_hours_but_not_after_23()
    {
        using var f = new Fixture();
        f.Seal(Now.AddHours(-23));
        var request = new ReplicationStatusRequest(["south"]);
        f.Status.RecordSuccess("south", 0);

        await Assert.That(f.Queries.Problems(request)).IsEmpty();
        await Assert.That(f.Queries.Overview(request).Site.ShortForOverADay).IsEqualTo(0L);

        f.Time.Advance(TimeSpan.FromHours(2));
        f.Status.RecordSuccess("south", 0);
        var problem = (await Assert.That(f.Queries.Problems(request)).HasSingleItem())!;
        await Assert.That(problem.Kind).IsEqualTo(DashboardProblemKind.FewProvenCopies);
        await Assert.That(problem.Message).IsEqualTo("1 pack has fewer than 2 proven copies for over a day");
        await Assert.That(f.Queries.Overview(request).Site.ShortForOverADay).IsEqualTo(1L);
        await Assert.That(f.Queries.Problems(request with { Copies = 1 })).IsEmpty();
        await Assert.That(f.Queries.Problems(request with { Peers = [] })).IsEmpty();
    }

    [Test]
    public async Task A_failed_proof_warns_at_once_naming_the_peer_the_count_and_the_reason_and_a_later_success_clears_it()
    {
        using var f = new Fixture();
        var lost = f.Seal(Now.AddMinutes(-5));
        var kept = f.Seal(Now.AddMinutes(-5));
        f.Status.RecordSuccess("south", 0);
        f.Proofs.RecordProven(lost, "south");
        f.Proofs.RecordProven(kept, "south");
        var request = new ReplicationStatusRequest(["south"]);
        await Assert.That(f.Queries.Problems(request)).IsEmpty();

        f.Time.Advance(TimeSpan.FromMinutes(1));
        f.Proofs.RecordFailed(lost, "south", "the holder does not have the pack");
        var problem = (await Assert.That(f.Queries.Problems(request)).HasSingleItem())!;
        await Assert.That(problem.Kind).IsEqualTo(DashboardProblemKind.ProofFailed);
        await Assert.That(problem.Message).IsEqualTo("Peer south failed to prove it holds 1 pack of this site (the holder does not have the pack)");
        await Assert.That(problem.Since).IsEqualTo(Now.AddMinutes(1));

        f.Time.Advance(TimeSpan.FromMinutes(1));
        f.Proofs.RecordProven(lost, "south");
        await Assert.That(f.Queries.Problems(request)).IsEmpty();
    }

    [Test]
    public async Task A_peer_never_reached_warns_once_configured_for_over_a_day_and_a_reached_one_after_a_day_of_silence()
    {
        using var f = new Fixture();
        var configured = new PeerConfiguredStore(f.Site.Database, f.Time);
        configured.Sync(["south", "east"]);
        f.Status.RecordSuccess("east", 0);
        f.Status.RecordError("south", "connection refused");
        var request = new ReplicationStatusRequest(["south", "east"]);

        f.Time.Advance(TimeSpan.FromHours(23));
        await Assert.That(f.Queries.Problems(request)).IsEmpty();

        f.Time.Advance(TimeSpan.FromHours(2));
        var problems = f.Queries.Problems(request);
        await Assert.That(problems.Select(p => p.Message).ToList()).IsEquivalentTo(
            ["Peer south never reached (configured 25 hours ago)", "Peer east not reached for 25 hours"]);
        await Assert.That(problems.All(p => p.Kind == DashboardProblemKind.PeerUnreached)).IsTrue();
        await Assert.That(f.Queries.Overview(request).Peers[0].ConfiguredSince).IsEqualTo(Now);

        configured.Sync(["east"]); // south removed and added again later: configured anew
        configured.Sync(["south", "east"]);
        await Assert.That(f.Queries.Problems(request).Select(p => p.Message).ToList()).IsEquivalentTo(["Peer east not reached for 25 hours"]);
    }

    [Test]
    public async Task Assigned_packs_follow_rendezvous_placement_and_change_when_a_pack_is_sealed()
    {
        using var f = new Fixture();
        string[] peers = ["south", "east", "west"];
        var packs = Enumerable.Range(0, 40).Select(_ => f.Seal(Now.AddDays(-2))).ToList();
        var request = new ReplicationStatusRequest(peers, Copies: 3);

        var first = f.Queries.Overview(request).Peers.ToDictionary(p => p.Name, p => p.Owning.Assigned);
        await Assert.That(first).IsEquivalentTo(Expected(packs, peers, 3));
        await Assert.That(first.Values.Sum()).IsEqualTo(80L);

        packs.Add(f.Seal(Now));
        await Assert.That(f.Queries.Overview(request).Peers.ToDictionary(p => p.Name, p => p.Owning.Assigned)).IsEquivalentTo(Expected(packs, peers, 3));
        await Assert.That(f.Queries.Overview(request with { Copies = 2 }).Peers.Sum(p => p.Owning.Assigned)).IsEqualTo(41L);
    }

    private static Dictionary<string, long> Expected(IEnumerable<string> packs, string[] peers, int copies)
    {
        var counts = peers.ToDictionary(p => p, _ => 0L);
        foreach (var pack in packs)
            foreach (var holder in RendezvousPlacement.Holders(pack, peers, copies, new HashSet<string>()))
                counts[holder]++;
        return counts;
    }

    /// <summary>A real site's catalogue with the replication stores and the queries on one hand-moved clock.</summary>
    internal sealed class Fixture : IDisposable
    {
        private readonly ScratchDirectory _scratch = new();

        public Fixture()
        {
            Site = new TestSite(_scratch.Path);
            Status = new PeerStatusStore(Site.Database, Time);
            Proofs = new ReplicaProofStore(Site.Database, Time);
            Packs = new PeerPackTable(Site.Database);
            Queries = new ReplicationStatusQueries(Site.Database, Time);
        }

        public ManualTime Time { get; } = new(Now);
        public TestSite Site { get; }
        public PeerStatusStore Status { get; }
        public ReplicaProofStore Proofs { get; }
        public PeerPackTable Packs { get; }
        public ReplicationStatusQueries Queries { get; }

        public void Held(string site, DateTimeOffset at, long size) => Packs.RecordHeld(site, Name(), size, at);

        /// <summary>One of this site's packs, sealed at <paramref name="at"/>.</summary>
        public string Seal(DateTimeOffset at)
        {
            using var connection = Site.Database.Connect();
            var id = PackTable.CreateOpen(connection, at);
            var name = Name();
            PackTable.MarkSealing(connection, id, name, 100, 1);
            PackTable.MarkSealed(connection, id, at);
            return name;
        }

        public void Dispose()
        {
            Site.Dispose();
            _scratch.Dispose();
        }
    }

    private static string Name() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
