using System.Collections.Concurrent;

namespace CoStor.Appliance.Api;

/// <summary>
/// Per-agent limits on chunk keys, two token buckets that must both allow a request: <c>burst</c> keys at once
/// refilled at <c>perMinute</c>, and <c>perDay</c> keys refilled evenly over 24 hours. Keys are the one service
/// that lets a PC turn a guessed file into blob ids, so these bound the guesses a stolen credential can test:
/// at most <c>min(perDay, burst + 1440 × perMinute)</c> in any day (docs/protocol.md, "What an agent can learn").
/// </summary>
public sealed class KeyRateLimiter(TimeProvider time, int perMinute, int burst, int perDay)
{
    private readonly ConcurrentDictionary<string, Buckets> _agents = new();

    /// <summary>Takes <paramref name="count"/> keys, or returns how long to wait before asking again.</summary>
    public bool TryTake(string agentId, int count, out TimeSpan retryAfter)
    {
        var now = time.GetTimestamp();
        var buckets = _agents.GetOrAdd(agentId, _ => new Buckets(burst, perDay, now));
        lock (buckets)
        {
            var minutes = time.GetElapsedTime(buckets.Stamp, now).TotalMinutes;
            buckets.Stamp = now;
            buckets.Minute = Math.Min(burst, buckets.Minute + minutes * perMinute);
            buckets.Day = Math.Min(perDay, buckets.Day + minutes * perDay / MinutesPerDay);
            if (buckets.Minute >= count && buckets.Day >= count)
            {
                buckets.Minute -= count;
                buckets.Day -= count;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            var waitMinutes = Math.Max(
                Math.Max(0, count - buckets.Minute) / perMinute,
                Math.Max(0, count - buckets.Day) * MinutesPerDay / perDay);
            retryAfter = TimeSpan.FromMinutes(waitMinutes);
            return false;
        }
    }

    private const double MinutesPerDay = 24 * 60;

    private sealed class Buckets(double minute, double day, long stamp)
    {
        public double Minute { get; set; } = minute;
        public double Day { get; set; } = day;
        public long Stamp { get; set; } = stamp;
    }
}
