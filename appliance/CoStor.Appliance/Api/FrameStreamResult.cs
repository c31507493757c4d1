using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;

namespace CoStor.Appliance.Api;

/// <summary>
/// Streams blobs as frames straight from pack files into the response's own buffers: each blob is read from
/// its pack with pread directly into the pipe (no intermediate copy), the length is declared up front (no
/// chunked framing), and the pipe is flushed every <see cref="FlushEvery"/> bytes rather than per blob, so a
/// batch of small blobs leaves in a few large TLS records. Memory stays flat: the pipe applies back-pressure.
/// <para>
/// Failures: every pack the reply needs is opened once before its first byte is written, so a missing pack
/// (damaged storage) fails the request while it can still answer a JSON error (<c>FailureResponses</c>). A read
/// that fails once frames are on their way (an I/O error, a pack cut short) cannot turn into an error reply —
/// it would be appended to frames already written — so it is logged and the connection is cut: the agent sees
/// a broken reply, never a wrong one.
/// </para>
/// </summary>
public sealed class FrameStreamResult(IReadOnlyList<(BlobId Id, BlobLocation Location)> blobs, PackStore packs) : IResult
{
    private const int FlushEvery = 256 << 10;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = "application/octet-stream";
        response.ContentLength = blobs.Sum(b => (long)PackFormat.FrameHeaderLength + b.Location.Length);
        var writer = response.BodyWriter;
        var cancellationToken = httpContext.RequestAborted;
        using var reader = new PackReadSession(packs);
        var opened = new HashSet<long>();
        foreach (var (_, location) in blobs)
        {
            if (opened.Add(location.PackId))
                reader.Open(location);
        }
        try
        {
            await WriteFramesAsync(writer, reader, cancellationToken);
        }
        catch (Exception e) when (e is IOException or CoStor.Core.Errors.CoStorException && !cancellationToken.IsCancellationRequested)
        {
            httpContext.RequestServices.GetRequiredService<ILogger<FrameStreamResult>>().LogError(e,
                "request {RequestId}: reading blobs failed after the reply had begun; connection closed", httpContext.TraceIdentifier);
            httpContext.Abort();
        }
    }

    private async Task WriteFramesAsync(System.IO.Pipelines.PipeWriter writer, PackReadSession reader, CancellationToken cancellationToken)
    {
        long unflushed = 0;
        foreach (var (id, location) in blobs)
        {
            FrameHeader.Write(writer.GetSpan(PackFormat.FrameHeaderLength), location.Type, location.Length, id);
            writer.Advance(PackFormat.FrameHeaderLength);
            for (int done = 0; done < location.Length;)
            {
                var span = writer.GetSpan();
                int n = Math.Min(span.Length, location.Length - done);
                reader.ReadPart(location, done, span[..n]);
                writer.Advance(n);
                done += n;
            }
            unflushed += PackFormat.FrameHeaderLength + location.Length;
            if (unflushed >= FlushEvery)
            {
                unflushed = 0;
                var flushed = await writer.FlushAsync(cancellationToken);
                if (flushed.IsCanceled || flushed.IsCompleted)
                    return;
            }
        }
        await writer.FlushAsync(cancellationToken);
    }
}
