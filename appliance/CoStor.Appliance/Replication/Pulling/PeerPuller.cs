using System.Net.Http.Json;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Replication.Api;
using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Replication.Transfer;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Site;

namespace CoStor.Appliance.Replication.Pulling;

/// <summary>
/// One pull round against one peer (docs/replication.md, "Operations"): (a) keyring, (b) checkpoint, (c) every assigned
/// pack not held, one at a time, (d) retention decisions, (e) <c>peer_status</c>. The assigned list is the whole truth
/// each round, so a box back after days offline simply pulls what it lacks. Steps fail independently: a refused
/// checkpoint does not stop packs from being pulled; the last error is what <c>peer_status</c> shows. The first round
/// for a peer in a process first adopts held files without a <c>peer_packs</c> row (a crash between a pack's rename
/// into place and its row), so status and retention see every pack held.
/// </summary>
public sealed partial class PeerPuller(PeerClients clients, PeerAuthorities authorities, DataDirectory data, PeerPackTable table,
    PeerStatusStore status, ReplicationConfig replication, TimeProvider time, ILogger<PeerPuller> logger)
{
    /// <summary>What a round did, for tests and the log.</summary>
    public sealed record Round(int Pulled, long Bytes, int Refused, int Behind, int Dropped, string? Error);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _adopted = new(StringComparer.Ordinal);

    public async Task<Round> RunAsync(PeerConfig peer, BandwidthLimiter limiter, CancellationToken cancellationToken)
    {
        if (authorities.Find(peer.Name) is not { } ca)
        {
            status.RecordError(peer.Name, "the peer's CA certificate is not held yet");
            return new Round(0, 0, 0, 0, 0, "the peer's CA certificate is not held yet");
        }
        var http = clients.For(peer);
        string? error = null;
        int pulled = 0, refused = 0, behind = 0, dropped = 0;
        long bytes = 0, bytesBehind = 0;
        var unreached = false;
        var store = PeerPackStore.For(data, peer.Name);
        if (_adopted.TryAdd(peer.Name, true) && table.Adopt(peer.Name, store.Held(), time.GetUtcNow()) is var adopted and > 0)
            Log.PacksAdopted(logger, peer.Name, adopted);
        try
        {
            await Step(() => PeerMaterial.FetchKeyringAsync(http, peer, data, cancellationToken));
            await Step(() => PeerMaterial.FetchCheckpointAsync(http, peer, ca, data, cancellationToken));
            string? after = null;
            do
            {
                var page = await http.GetFromJsonAsync("peer/v1/assigned?limit=1000" + (after is null ? "" : "&after=" + after),
                    ReplicationJsonContext.Default.AssignedPage, cancellationToken) ?? throw new PullException("the peer's assigned list was empty");
                foreach (var pack in page.Packs)
                {
                    if (!PeerNames.IsPack(pack.Name) || pack.Size <= 0 || store.Holds(pack.Name))
                        continue;
                    // Beside backups: yield between packs so a long catch-up never holds a thread-pool thread for long.
                    await Task.Yield();
                    var outcome = await PackPull.RunAsync(http, store, pack.Name, pack.Size, limiter, cancellationToken);
                    bytes += outcome.Received;
                    if (outcome.Held)
                    {
                        table.RecordHeld(peer.Name, pack.Name, pack.Size, time.GetUtcNow());
                        pulled++;
                        continue;
                    }
                    behind++;
                    bytesBehind += pack.Size;
                    if (outcome.Refusal is { } refusal)
                    {
                        refused++;
                        error = refusal;
                        Log.PackRefused(logger, peer.Name, refusal);
                    }
                }
                after = page.Next;
            }
            while (after is not null);
            await Step(async () => dropped = await HeldRetirement.ApplyAsync(http, peer, ca, store, table, replication, time, cancellationToken));
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException or PullException or IOException
                                  or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            error = e.Message;
            unreached = true;
        }
        // Only a round that got through counts as contact: a peer unreached long enough loses its share (peer_gone_days).
        if (!unreached)
            status.RecordSuccess(peer.Name, bytes);
        status.RecordBehind(peer.Name, behind, bytesBehind);
        if (error is not null)
        {
            status.RecordError(peer.Name, error);
            Log.RoundFailed(logger, peer.Name, error);
        }
        if (pulled > 0 || dropped > 0)
            Log.Round(logger, peer.Name, pulled, bytes, dropped);
        return new Round(pulled, bytes, refused, behind, dropped, error);

        async Task Step(Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (PullException e)
            {
                error = e.Message;
                Log.RoundFailed(logger, peer.Name, e.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "pulled {Count} packs ({Bytes} bytes) from peer {Peer}; dropped {Dropped} retired packs")]
        public static partial void Round(ILogger logger, string peer, int count, long bytes, int dropped);

        [LoggerMessage(2, LogLevel.Warning, "pull from peer {Peer}: {Reason}")]
        public static partial void RoundFailed(ILogger logger, string peer, string reason);

        [LoggerMessage(3, LogLevel.Warning, "refused a pack from peer {Peer}, pulling it again next round: {Reason}")]
        public static partial void PackRefused(ILogger logger, string peer, string reason);

        [LoggerMessage(4, LogLevel.Warning, "recorded {Count} packs of peer {Peer} found held without a catalogue row (an interrupted pull)")]
        public static partial void PacksAdopted(ILogger logger, string peer, int count);
    }
}
