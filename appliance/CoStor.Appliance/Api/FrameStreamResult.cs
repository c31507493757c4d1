using System.Buffers;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;

namespace CoStor.Appliance.Api;

/// <summary>Streams blobs as frames straight from pack files, one pooled buffer at a time (memory stays flat).</summary>
public sealed class FrameStreamResult(IReadOnlyList<(BlobId Id, BlobLocation Location)> blobs, PackStore packs) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/octet-stream";
        var body = httpContext.Response.Body;
        using var reader = new PackReadSession(packs);
        foreach (var (id, location) in blobs)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(PackFormat.FrameHeaderLength + location.Length);
            try
            {
                FrameHeader.Write(buffer, location.Type, location.Length, id);
                reader.Read(location, buffer.AsSpan(PackFormat.FrameHeaderLength, location.Length));
                await body.WriteAsync(buffer.AsMemory(0, PackFormat.FrameHeaderLength + location.Length), httpContext.RequestAborted);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
