using CoStor.Agent.Backup;

namespace CoStor.Agent.Tests.Backup;

public class PayloadRingTests
{
    [Test]
    public async Task Regions_follow_one_another_and_space_returns_only_when_released()
    {
        var ring = new PayloadRing(100);

        await Assert.That(ring.TryReserve(40, out var a, out var footprintA)).IsTrue();
        await Assert.That(ring.TryReserve(40, out var b, out _)).IsTrue();
        await Assert.That(ring.TryReserve(30, out _, out _)).IsFalse();
        await Assert.That(a).IsEqualTo(new RingRegion(0, 40));
        await Assert.That(b).IsEqualTo(new RingRegion(40, 40));

        // 30 bytes would wrap past the end: the 20 at the end are skipped and counted in the footprint.
        var freed = ring.SpaceFreed;
        ring.Release(footprintA);
        await Assert.That(freed.IsCompleted).IsTrue();
        await Assert.That(ring.TryReserve(30, out var c, out var footprintC)).IsTrue();
        await Assert.That(c).IsEqualTo(new RingRegion(0, 30));
        await Assert.That(footprintC).IsEqualTo(50);
        await Assert.That(ring.TryReserve(11, out _, out _)).IsFalse();
        await Assert.That(ring.TryReserve(10, out var d, out _)).IsTrue();
        await Assert.That(d).IsEqualTo(new RingRegion(30, 10));
    }

    [Test]
    public async Task Neighbouring_regions_are_sent_as_one_piece()
    {
        var ring = new PayloadRing(100);
        var regions = new List<RingRegion>();
        foreach (var length in new[] { 10, 20, 30, 25 })
        {
            await Assert.That(ring.TryReserve(length, out var region, out _)).IsTrue();
            ring.Memory(region).Span.Fill((byte)length);
            regions.Add(region);
        }

        // The third region left out (a payload already sent): two pieces, in order, with exactly their bytes.
        var pieces = ring.Coalesce([regions[0], regions[1], regions[3]]);

        await Assert.That(string.Join(",", pieces.Select(p => p.Length))).IsEqualTo("30,25");
        await Assert.That(Convert.ToHexString(pieces[0].Span)).IsEqualTo(new string('0', 10).Replace("0", "0A") + new string('0', 20).Replace("0", "14"));
        await Assert.That(Convert.ToHexString(pieces[1].Span)).IsEqualTo(new string('0', 25).Replace("0", "19"));
        await Assert.That(ring.Coalesce([])).IsEmpty();
    }
}
