using CoStor.Appliance.Configuration;

namespace CoStor.Appliance.Replication.Trust;

/// <summary>
/// Fetches, in the background, the CA certificate of every configured peer not yet held: at start, then every
/// <c>replication.interval_seconds</c> until all are held. A peer that is down at start is picked up when it is back.
/// </summary>
public sealed class PeerAuthorityFetcher(PeerAuthorities authorities, ReplicationConfig replication, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(replication.IntervalSeconds);
        while (!stoppingToken.IsCancellationRequested && !authorities.Complete)
        {
            foreach (var peer in authorities.Peers)
                await authorities.GetAsync(peer, stoppingToken);
            if (authorities.Complete)
                return;
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
