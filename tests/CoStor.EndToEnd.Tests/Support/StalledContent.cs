namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// A request body that sends its first half, then holds back the rest until <c>release</c>: stalled entirely, or
/// trickling <c>trickleBytes</c> every half second (fast enough for the appliance's minimum data rate, so the
/// request stays in its handler as long as the test needs), keeping its last byte until released.
/// </summary>
public sealed class StalledContent(byte[] body, Task release, int trickleBytes = 0) : HttpContent
{
    /// <summary>Completes once the first half is on its way (the request's headers went before it).</summary>
    public TaskCompletionSource FirstHalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        var sent = body.Length / 2;
        await stream.WriteAsync(body.AsMemory(0, sent));
        await stream.FlushAsync();
        FirstHalfSent.TrySetResult();
        while (!release.IsCompleted)
        {
            var piece = Math.Min(trickleBytes, body.Length - 1 - sent);
            if (piece > 0)
            {
                await stream.WriteAsync(body.AsMemory(sent, piece));
                await stream.FlushAsync();
                sent += piece;
            }
            await Task.WhenAny(release, Task.Delay(500));
        }
        await stream.WriteAsync(body.AsMemory(sent));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
