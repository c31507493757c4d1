namespace CoStor.EndToEnd.Tests.Support;

/// <summary>A request body that sends its first half, then waits for <c>release</c> before sending the rest.</summary>
public sealed class StalledContent(byte[] body, Task release) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        await stream.WriteAsync(body.AsMemory(0, body.Length / 2));
        await stream.FlushAsync();
        await release;
        await stream.WriteAsync(body.AsMemory(body.Length / 2));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
