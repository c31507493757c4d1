using System.Collections.Concurrent;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Replication.Transfer;

namespace CoStor.Appliance.Replication.Pulling;

/// <summary>
/// Pulls from every configured peer every <c>interval_seconds</c> (the first round one interval after start), peers
/// in parallel, one pack at a time per peer, each only while its transfer window is open (local time from the
/// <see cref="TimeProvider"/>'s time zone). Rounds never overlap: <see cref="RunRoundAsync"/> (also called directly by
/// tests) waits for a running one.
/// </summary>
public sealed class PullService(PeerPuller puller, ApplianceConfig config, TimeProvider time, ILogger<PullService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly ConcurrentDictionary<string, BandwidthLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>One round over every peer whose window is open; the peers skipped for a closed window get no entry.</summary>
    public async Task<IReadOnlyDictionary<string, PeerPuller.Round>> RunRoundAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), time.LocalTimeZone);
            var open = config.Peers.Where(p => p.Window is null || TransferHours.IsOpen(p.Window.FromHour, p.Window.ToHour, local)).ToList();
            var rounds = await Task.WhenAll(open.Select(peer => puller.RunAsync(peer, Limiter(peer), cancellationToken)));
            return open.Zip(rounds).ToDictionary(p => p.First.Name, p => p.Second, StringComparer.Ordinal);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>One limiter per peer for the host's lifetime, so its rate holds across rounds.</summary>
    private BandwidthLimiter Limiter(PeerConfig peer) => _limiters.GetOrAdd(peer.Name, _ => new BandwidthLimiter(peer.BandwidthBytesPerSecond, time));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.Peers.IsEmpty)
            return;
        await RoundLoop.RunAsync("pull", RunRoundAsync, TimeSpan.FromSeconds(config.Replication.IntervalSeconds), time, logger, stoppingToken);
    }

    public override void Dispose()
    {
        _turn.Dispose();
        base.Dispose();
    }
}
