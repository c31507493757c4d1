using CoStor.Appliance.Replication.Transfer;

namespace CoStor.Appliance.Tests.Replication.Transfer;

public class BandwidthLimiterTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task One_megabyte_at_200_kB_per_second_takes_five_seconds_of_clock_time()
    {
        var time = new SteppingTime(Start);
        var limiter = new BandwidthLimiter(200_000, time);
        using var source = new ThrottledStream(new MemoryStream(new byte[1_000_000]), limiter);

        var copy = new MemoryStream();
        await source.CopyToAsync(copy, 81920);

        await Assert.That(copy.Length).IsEqualTo(1_000_000);
        var took = (time.GetUtcNow() - Start).TotalSeconds;
        await Assert.That(took).IsGreaterThanOrEqualTo(4.95);
        await Assert.That(took).IsLessThanOrEqualTo(5.05);
    }

    [Test]
    public async Task After_a_long_idle_the_bucket_grants_at_most_one_second_of_burst()
    {
        var time = new SteppingTime(Start);
        var limiter = new BandwidthLimiter(200_000, time);
        time.Advance(TimeSpan.FromHours(1));
        var before = time.GetUtcNow();

        await limiter.WaitAsync(200_000, CancellationToken.None);
        await Assert.That(time.GetUtcNow()).IsEqualTo(before); // one second's worth: immediate
        await limiter.WaitAsync(1_000_000, CancellationToken.None);
        var took = (time.GetUtcNow() - before).TotalSeconds;
        await Assert.That(took).IsGreaterThanOrEqualTo(4.95);
        await Assert.That(took).IsLessThanOrEqualTo(5.05);
    }

    [Test]
    public async Task No_limit_never_waits()
    {
        var time = new SteppingTime(Start);
        foreach (var limiter in new[] { new BandwidthLimiter(null, time), new BandwidthLimiter(0, time) })
        {
            await limiter.WaitAsync(int.MaxValue, CancellationToken.None);
            await Assert.That(limiter.Unlimited).IsTrue();
        }
        await Assert.That(time.GetUtcNow()).IsEqualTo(Start);
    }

    [Test]
    public async Task A_real_short_run_is_paced_by_the_real_clock()
    {
        var limiter = new BandwidthLimiter(100_000, TimeProvider.System);
        var started = TimeProvider.System.GetTimestamp();
        using var source = new ThrottledStream(new MemoryStream(new byte[50_000]), limiter);
        await source.CopyToAsync(Stream.Null);
        var took = TimeProvider.System.GetElapsedTime(started).TotalSeconds;

        await Assert.That(took).IsGreaterThanOrEqualTo(0.45);
        await Assert.That(took).IsLessThan(3);
    }

    [Test]
    public async Task Transfer_hours_wrap_past_midnight()
    {
        static DateTimeOffset At(int hour) => new(2027, 3, 1, hour, 30, 0, TimeSpan.Zero);
        await Assert.That(TransferHours.IsOpen(19, 7, At(23))).IsTrue();
        await Assert.That(TransferHours.IsOpen(19, 7, At(6))).IsTrue();
        await Assert.That(TransferHours.IsOpen(19, 7, At(7))).IsFalse();
        await Assert.That(TransferHours.IsOpen(19, 7, At(12))).IsFalse();
        await Assert.That(TransferHours.IsOpen(9, 17, At(9))).IsTrue();
        await Assert.That(TransferHours.IsOpen(9, 17, At(17))).IsFalse();
        await Assert.That(TransferHours.IsOpen(0, 0, At(3))).IsTrue();
    }

    /// <summary>A hand-moved clock whose timers fire at once, moving the clock to their due time.</summary>
    private sealed class SteppingTime(DateTimeOffset start) : TimeProvider
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_lock)
                return _now;
        }

        public override long GetTimestamp() => GetUtcNow().UtcTicks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public void Advance(TimeSpan by)
        {
            lock (_lock)
                _now += by;
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Advance(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
            return new NoTimer();
        }

        private sealed class NoTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;
            public void Dispose() { }
            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
