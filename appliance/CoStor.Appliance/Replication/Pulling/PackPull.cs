using System.Net;
using System.Net.Http.Headers;
using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Replication.Transfer;

namespace CoStor.Appliance.Replication.Pulling;

/// <summary>
/// Pulls one pack of a peer into its <see cref="PeerPackStore"/>: resumes from the <c>.part</c>'s length with
/// <c>Range: bytes=N-</c>, reads through the peer's <see cref="BandwidthLimiter"/> and a <see cref="PullStream"/>
/// (at most the announced size, stall watchdog), appends and fsyncs, and completes (verification) once the announced
/// size is reached. A refused pack leaves nothing; the next round pulls it again from 0.
/// </summary>
public static class PackPull
{
    /// <summary>A pull receiving nothing this long is abandoned (resumed next round).</summary>
    public static readonly TimeSpan Stall = TimeSpan.FromSeconds(60);

    /// <summary>What one pull did: bytes received, and whether the pack is now held (null refusal) or why not.</summary>
    public sealed record Outcome(long Received, bool Held, string? Refusal);

    public static async Task<Outcome> RunAsync(HttpClient peer, PeerPackStore store, string name, long size, BandwidthLimiter limiter,
        CancellationToken cancellationToken)
    {
        var offset = store.ResumeOffset(name);
        long received = 0;
        if (offset < size)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "peer/v1/packs/" + name);
            if (offset > 0)
                request.Headers.Range = new RangeHeaderValue(offset, null);
            // Headers only: the body is read below without a whole-request timeout (the stall watchdog guards it).
            using var response = await peer.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var expected = offset > 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK;
            if (response.StatusCode != expected)
                return new Outcome(0, false, $"pack {name}: the peer answered {(int)response.StatusCode} to a pull from {offset}");
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using var guarded = new PullStream(new ThrottledStream(body, limiter), size - offset, Stall, cancellationToken);
            try
            {
                await store.AppendAsync(name, guarded, offset, cancellationToken);
            }
            finally
            {
                received = guarded.Received;
            }
            if (store.ResumeOffset(name) < size)
                return new Outcome(received, false, $"pack {name}: the peer sent {offset + received} of {size} bytes; resuming next round");
        }
        var acceptance = store.Complete(name, size);
        return new Outcome(received, acceptance.Accepted, acceptance.Refusal);
    }
}
