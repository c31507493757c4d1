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
