using CoStor.Appliance.Api;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Api;

public class KeyRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task The_burst_is_refilled_at_the_per_minute_rate()
    {
        var time = new ManualTime(Start);
        var limiter = new KeyRateLimiter(time, perMinute: 100, burst: 1000, perDay: 1_000_000);

        await Assert.That(limiter.TryTake("a", 1000, out _)).IsTrue();
        await Assert.That(limiter.TryTake("a", 100, out var wait)).IsFalse();
        await Assert.That(wait).IsEqualTo(TimeSpan.FromMinutes(1));
        await Assert.That(limiter.TryTake("b", 1000, out _)).IsTrue(); // buckets are per agent
        time.Advance(TimeSpan.FromMinutes(1));
        await Assert.That(limiter.TryTake("a", 100, out _)).IsTrue();
    }

    [Test]
    public async Task No_agent_gets_more_than_the_daily_quota_in_any_24_hours()
    {
        var time = new ManualTime(Start);
        var limiter = new KeyRateLimiter(time, perMinute: 1_000_000, burst: 10_000, perDay: 14_400);
        long granted = 0;
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            while (limiter.TryTake("a", 100, out _))
                granted += 100;
            time.Advance(TimeSpan.FromMinutes(1));
        }
        // The full day bucket at the start plus what refilled during the day: 14,400 + 14,400 at most.
        await Assert.That(granted).IsLessThanOrEqualTo(2 * 14_400);
        await Assert.That(granted).IsGreaterThanOrEqualTo(2 * 14_400 - 200);
        await Assert.That(limiter.TryTake("a", 14_400, out var wait)).IsFalse();
        await Assert.That(wait).IsGreaterThan(TimeSpan.FromHours(23));
    }
}
