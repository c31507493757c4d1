using System.Collections.Concurrent;

namespace CoStor.Appliance.Api;

/// <summary>
/// Per-agent token bucket for chunk-key requests. Keys are the one service that could let a compromised PC
/// test guesses about other PCs' files, so their rate is bounded: <c>burst</c> keys at once, refilled at
/// <c>perMinute</c>.
/// </summary>
public sealed class KeyRateLimiter(TimeProvider time, int perMinute, int burst)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new();

    /// <summary>Takes <paramref name="count"/> keys, or returns how long to wait before asking again.</summary>
    public bool TryTake(string agentId, int count, out TimeSpan retryAfter)
    {
        var bucket = _buckets.GetOrAdd(agentId, _ => new Bucket(burst, time.GetTimestamp()));
        lock (bucket)
        {
            var now = time.GetTimestamp();
            var minutes = time.GetElapsedTime(bucket.Stamp, now).TotalMinutes;
            bucket.Tokens = Math.Min(burst, bucket.Tokens + minutes * perMinute);
            bucket.Stamp = now;
            if (bucket.Tokens >= count)
            {
                bucket.Tokens -= count;
                retryAfter = TimeSpan.Zero;
                return true;
            }
            retryAfter = TimeSpan.FromMinutes((count - bucket.Tokens) / perMinute);
            return false;
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens { get; set; } = tokens;
        public long Stamp { get; set; } = stamp;
    }
}
