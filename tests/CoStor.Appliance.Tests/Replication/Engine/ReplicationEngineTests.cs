using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Replication.Placement;
using CoStor.Appliance.Replication.Trust;
using Microsoft.AspNetCore.Builder;
using static CoStor.Appliance.Tests.Replication.Engine.EngineSites;

namespace CoStor.Appliance.Tests.Replication.Engine;

/// <summary>
/// The replication engine between real sites over real HTTPS: packs reach exactly their rendezvous holders and are
/// proven; pulls resume, refuse corrupted bytes and honour bandwidth and windows; a holder that drops a pack fails its proof.
/// </summary>
[NotInParallel(nameof(ReplicationEngineTests))]
public class ReplicationEngineTests
{
    private static readonly string[] Three = ["north", "south", "east"];

    [Test]
    [Arguments(2)]
    [Arguments(3)]
    public async Task Sealed_packs_reach_exactly_their_rendezvous_holders_and_are_proven(int copies)
    {
        await using var sites = await StartAsync(Three, copies);
        var made = new Dictionary<string, List<string>>();
        foreach (var name in Three)
        {
            made[name] = [];
            for (var i = 0; i < 4; i++)
                made[name].Add(await SealPackAsync(sites[name]));
        }

        foreach (var name in Three)
            await PullAsync(sites[name]);
        foreach (var name in Three)
            await ProveAsync(sites[name]);

        foreach (var owner in Three)
        {
            var peers = Three.Where(n => n != owner).ToList();
            var proofs = Get<ReplicaProofStore>(sites[owner]);
            foreach (var pack in made[owner])
            {
                var holders = RendezvousPlacement.Holders(pack, peers, copies, new HashSet<string>());
                await Assert.That(holders.Count).IsEqualTo(copies - 1);
                foreach (var peer in peers)
                {
                    await Assert.That(File.Exists(HeldPath(sites[peer], owner, pack))).IsEqualTo(holders.Contains(peer));
                    await Assert.That(proofs.IsProven(pack, peer)).IsEqualTo(holders.Contains(peer));
                }
            }
            foreach (var peer in peers)
                await Assert.That(File.Exists(Path.Combine(Data(sites[peer]).PeerPath(owner), "keyring.recovery"))).IsTrue();
        }
    }

    [Test]
    public async Task A_half_written_part_resumes_and_is_accepted_whole()
    {
        await using var sites = await StartAsync(["north", "south"], 2);
        var pack = await SealPackAsync(sites["north"]);
        var bytes = await File.ReadAllBytesAsync(OwnPath(sites["north"], pack));
        var incoming = Path.Combine(Data(sites["south"]).PeerPath("north"), "incoming");
        Directory.CreateDirectory(incoming);
        await File.WriteAllBytesAsync(Path.Combine(incoming, pack + ".part"), bytes[..(bytes.Length / 2)]);

        var round = (await PullAsync(sites["south"]))["north"];

        await Assert.That(round.Pulled).IsEqualTo(1);
        await Assert.That(round.Bytes).IsEqualTo(bytes.Length - bytes.Length / 2);
        await Assert.That(await File.ReadAllBytesAsync(HeldPath(sites["south"], "north", pack))).IsEquivalentTo(bytes);
        await Assert.That(Directory.EnumerateFiles(incoming).Any()).IsFalse();
        await Assert.That(Get<PeerPackTable>(sites["south"]).Find("north", pack)!.Size).IsEqualTo(bytes.Length);
    }

    [Test]
    public async Task A_pack_corrupted_in_transit_is_refused_and_pulled_again_next_round()
    {
        await using var sites = await StartAsync(["north", "south"], 2);
        var pack = await SealPackAsync(sites["north"]);
        var path = OwnPath(sites["north"], pack);
        var good = await File.ReadAllBytesAsync(path);
        var bad = (byte[])good.Clone();
        bad[bad.Length / 2] ^= 0x40;
        await File.WriteAllBytesAsync(path, bad);

        var first = (await PullAsync(sites["south"]))["north"];
        await File.WriteAllBytesAsync(path, good);
        var second = (await PullAsync(sites["south"]))["north"];

        await Assert.That(first.Refused).IsEqualTo(1);
        await Assert.That(first.Pulled).IsEqualTo(0);
        await Assert.That(Get<PeerStatusStore>(sites["south"]).Find("north")!.LastError).IsNotNull();
        await Assert.That(second.Pulled).IsEqualTo(1);
        await Assert.That(await File.ReadAllBytesAsync(HeldPath(sites["south"], "north", pack))).IsEquivalentTo(good);
    }

    [Test]
    public async Task A_peer_that_deletes_a_held_pack_fails_its_next_proof_and_the_owners_dashboard_says_so()
    {
        await using var sites = await StartAsync(["north", "south"], 2);
        var pack = await SealPackAsync(sites["north"]);
        await PullAsync(sites["south"]);
        await ProveAsync(sites["north"]);
        var proofs = Get<ReplicaProofStore>(sites["north"]);
        await Assert.That(proofs.IsProven(pack, "south")).IsTrue();

        File.Delete(HeldPath(sites["south"], "north", pack));
        var results = (await ProveAsync(sites["north"]))["south"];

        await Assert.That(proofs.IsProven(pack, "south")).IsFalse();
        await Assert.That(results.Single(r => r.Pack == pack).Failure).IsNotNull();
        using var connection = Get<CatalogueDatabase>(sites["north"]).Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT failed_at IS NOT NULL, failure FROM replica_proofs WHERE pack_name = $p AND peer = 'south'";
        command.Parameters.AddWithValue("$p", pack);
        using var reader = command.ExecuteReader();
        await Assert.That(reader.Read()).IsTrue();
        await Assert.That(reader.GetBoolean(0)).IsTrue();
        await Assert.That(reader.GetString(1)).Contains("no answer");
        await Assert.That(await AdminDashboardAsync(sites["north"])).Contains("Peer south failed to prove it holds 1 pack of this site");
    }

    [Test]
    public async Task A_held_pack_without_its_row_after_a_crash_is_adopted_not_pulled_again()
    {
        await using var sites = await StartAsync(["north", "south"], 2);
        var pack = await SealPackAsync(sites["north"]);
        var held = HeldPath(sites["south"], "north", pack);
        Directory.CreateDirectory(Path.GetDirectoryName(held)!);
        File.Copy(OwnPath(sites["north"], pack), held); // renamed into place, then killed before its row was written

        var round = (await PullAsync(sites["south"]))["north"];

        await Assert.That(round.Pulled).IsEqualTo(0);
        var row = Get<PeerPackTable>(sites["south"]).Find("north", pack);
        await Assert.That(row).IsNotNull();
        await Assert.That(row!.Size).IsEqualTo(new FileInfo(held).Length);
        await Assert.That(row.Retired).IsFalse();
    }

    [Test]
    public async Task Pulling_honours_the_peers_bandwidth()
    {
        await using var sites = await StartAsync(["north", "south"], 2, peerExtra: "bandwidth = \"200k\"");
        var pack = await SealPackAsync(sites["north"], count: 6, size: 100_000);
        var size = new FileInfo(OwnPath(sites["north"], pack)).Length;

        var clock = Stopwatch.StartNew();
        var round = (await PullAsync(sites["south"]))["north"];
        clock.Stop();

        Console.WriteLine($"pulled {size} bytes at 200 kB/s in {clock.Elapsed.TotalSeconds:0.00} s (ideal {size / 200_000.0:0.00} s)");
        await Assert.That(round.Pulled).IsEqualTo(1);
        await Assert.That(clock.Elapsed.TotalSeconds).IsGreaterThanOrEqualTo(size / 200_000.0 * 0.9);
        await Assert.That(clock.Elapsed.TotalSeconds).IsLessThan(size / 200_000.0 + 3);
    }

    [Test]
    public async Task Nothing_is_pulled_while_the_window_is_closed()
    {
        var hour = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeProvider.System.LocalTimeZone).Hour;
        await using var sites = await StartAsync(["north", "south"], 2, peerExtra: $"window = \"{(hour + 2) % 24:00}-{(hour + 3) % 24:00}\"");
        var pack = await SealPackAsync(sites["north"]);

        var rounds = await PullAsync(sites["south"]);

        await Assert.That(rounds.Count).IsEqualTo(0);
        await Assert.That(File.Exists(HeldPath(sites["south"], "north", pack))).IsFalse();
    }

    [Test]
    public async Task Peer_recovery_serves_keyring_and_CA_for_a_held_site_and_404_otherwise()
    {
        await using var sites = await StartAsync(["north", "south"], 2);
        using var http = Trust.PeerSites.ClientPresenting(null, Peer(sites["north"], "south").Url);

        using var before = await http.GetAsync("api/v1/peer-recovery/north");
        await PullAsync(sites["south"]);
        var after = await http.GetFromJsonAsync<System.Text.Json.JsonElement>("api/v1/peer-recovery/north");
        using var unknown = await http.GetAsync("api/v1/peer-recovery/west");
        using var invalid = await http.GetAsync("api/v1/peer-recovery/..%2Fx");

        await Assert.That(before.StatusCode).IsEqualTo(HttpStatusCode.NotFound);
        await Assert.That(after.GetProperty("site").GetString()).IsEqualTo("north");
        await Assert.That(Convert.FromBase64String(after.GetProperty("keyring").GetString()!))
            .IsEquivalentTo(await File.ReadAllBytesAsync(Data(sites["north"]).RecoveryKeyringPath));
        await Assert.That(after.GetProperty("ca").GetString()).Contains("BEGIN CERTIFICATE");
        await Assert.That(unknown.StatusCode).IsEqualTo(HttpStatusCode.NotFound);
        await Assert.That(invalid.StatusCode).IsEqualTo(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Proofs_refuse_other_sites_packs_and_oversize_requests()
    {
        await using var sites = await StartAsync(Three, 3);
        var eastPack = await SealPackAsync(sites["east"]);
        var northPack = await SealPackAsync(sites["north"]);
        await PullAsync(sites["south"]);
        var asNorth = Get<PeerClients>(sites["north"]).For(Peer(sites["north"], "south"));
        var nonce = Convert.ToBase64String(new byte[32]);

        var answers = await asNorth.PostAsJsonAsync("peer/v1/proofs", new { nonce, items = new[] { new { pack = eastPack, offset = 0, length = 100 }, new { pack = northPack, offset = 0, length = 100 } } });
        var body = await answers.Content.ReadAsStringAsync();
        var hashes = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("hashes");
        using var tooMany = await asNorth.PostAsJsonAsync("peer/v1/proofs", new { nonce, items = Enumerable.Repeat(new { pack = northPack, offset = 0, length = 100 }, 65) });
        using var tooLong = await asNorth.PostAsJsonAsync("peer/v1/proofs", new { nonce, items = new[] { new { pack = northPack, offset = 0, length = 65537 } } });
        using var badNonce = await asNorth.PostAsJsonAsync("peer/v1/proofs", new { nonce = "AAAA", items = new[] { new { pack = northPack, offset = 0, length = 1 } } });

        await Assert.That(File.Exists(HeldPath(sites["south"], "east", eastPack))).IsTrue();
        await Assert.That(hashes[0].ValueKind).IsEqualTo(System.Text.Json.JsonValueKind.Null);
        await Assert.That(hashes[1].ValueKind).IsEqualTo(System.Text.Json.JsonValueKind.String);
        await Assert.That(tooMany.StatusCode).IsEqualTo(HttpStatusCode.BadRequest);
        await Assert.That(tooLong.StatusCode).IsEqualTo(HttpStatusCode.BadRequest);
        await Assert.That(badNonce.StatusCode).IsEqualTo(HttpStatusCode.BadRequest);
    }
}
