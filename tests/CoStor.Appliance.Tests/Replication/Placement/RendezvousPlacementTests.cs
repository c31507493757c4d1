using System.Security.Cryptography;
using CoStor.Appliance.Replication.Placement;

namespace CoStor.Appliance.Tests.Replication.Placement;

public class RendezvousPlacementTests
{
    private static readonly HashSet<string> NoneGone = [];
    private static readonly string[] FourPeers = ["south", "east", "west", "harbour"];

    [Test]
    public async Task The_same_pack_and_peers_give_the_same_holders_whatever_the_peer_order()
    {
        var pack = Name();
        var first = RendezvousPlacement.Holders(pack, FourPeers, 3, NoneGone);
        var again = RendezvousPlacement.Holders(pack, [.. FourPeers.Reverse()], 3, NoneGone);

        await Assert.That(first.Count).IsEqualTo(2);
        await Assert.That(again).IsEquivalentTo(first);
        await Assert.That(again[0]).IsEqualTo(first[0]);
        await Assert.That(first[0]).IsNotEqualTo(first[1]);
    }

    [Test]
    public async Task The_score_is_the_first_eight_bytes_big_endian_of_the_domain_separated_hash()
    {
        var expected = SHA256.HashData("costor/v1/placement"u8.ToArray().Concat("ab12"u8.ToArray()).Append((byte)0).Concat("south"u8.ToArray()).ToArray());
        await Assert.That(RendezvousPlacement.Score("ab12", "south")).IsEqualTo(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(expected));
    }

    [Test]
    public async Task Ten_thousand_packs_spread_over_four_peers_within_ten_percent_of_even()
    {
        var counts = FourPeers.ToDictionary(p => p, _ => 0);
        for (var i = 0; i < 10_000; i++)
            counts[RendezvousPlacement.Holders(Name(), FourPeers, 2, NoneGone).Single()]++;

        foreach (var count in counts.Values)
        {
            await Assert.That(count).IsGreaterThanOrEqualTo(2250);
            await Assert.That(count).IsLessThanOrEqualTo(2750);
        }
    }

    [Test]
    public async Task Adding_a_fifth_peer_moves_only_packs_whose_top_set_now_includes_it()
    {
        string[] five = [.. FourPeers, "island"];
        var moved = 0;
        for (var i = 0; i < 2000; i++)
        {
            var pack = Name();
            var before = RendezvousPlacement.Holders(pack, FourPeers, 3, NoneGone);
            var after = RendezvousPlacement.Holders(pack, five, 3, NoneGone);
            if (after.Contains("island"))
            {
                moved++;
                // The newcomer displaced exactly one former holder: the lowest-ranked one.
                await Assert.That(after.Where(p => p != "island").ToList()).IsEquivalentTo(before.Take(1).ToList());
            }
            else
            {
                await Assert.That(after).IsEquivalentTo(before);
            }
        }
        // Two of five places: about 40 % of packs now include the newcomer.
        await Assert.That(moved).IsGreaterThan(600);
        await Assert.That(moved).IsLessThan(1000);
    }

    [Test]
    public async Task A_gone_peers_packs_go_to_the_next_in_order_and_nothing_else_moves()
    {
        HashSet<string> gone = ["east"];
        for (var i = 0; i < 2000; i++)
        {
            var pack = Name();
            var all = RendezvousPlacement.Holders(pack, FourPeers, 5, NoneGone); // the full ranking
            var before = RendezvousPlacement.Holders(pack, FourPeers, 3, NoneGone);
            var after = RendezvousPlacement.Holders(pack, FourPeers, 3, gone);
            if (before.Contains("east"))
            {
                var expected = all.Where(p => p != "east").Take(2).ToList();
                await Assert.That(after.ToList()).IsEquivalentTo(expected);
                await Assert.That(after).Contains(all[2]);
            }
            else
            {
                await Assert.That(after).IsEquivalentTo(before);
            }
        }
    }

    [Test]
    public async Task Copies_at_or_above_the_number_of_sites_gives_every_peer_everything()
    {
        foreach (var copies in new[] { 5, 9 })
        {
            var holders = RendezvousPlacement.Holders(Name(), FourPeers, copies, NoneGone);
            await Assert.That(holders).IsEquivalentTo(FourPeers);
        }
        await Assert.That(RendezvousPlacement.Holders(Name(), FourPeers, 5, new HashSet<string> { "west" }).Count).IsEqualTo(3);
    }

    [Test]
    public async Task One_copy_gives_nobody_anything()
    {
        await Assert.That(RendezvousPlacement.Holders(Name(), FourPeers, 1, NoneGone)).IsEmpty();
        await Assert.That(RendezvousPlacement.Holders(Name(), [], 3, NoneGone)).IsEmpty();
    }

    private static string Name() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
