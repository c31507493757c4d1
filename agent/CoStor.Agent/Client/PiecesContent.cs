using System.Net;

namespace CoStor.Agent.Client;

/// <summary>
/// A request body made of several memory pieces, written one after the other with a declared length, so
/// a batch can be sent from where its frames lie (the upload ring) without first being copied together.
/// </summary>
public sealed class PiecesContent(IReadOnlyList<ReadOnlyMemory<byte>> pieces) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var piece in pieces)
            await stream.WriteAsync(piece, cancellationToken);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = pieces.Sum(piece => (long)piece.Length);
        return true;
    }
}
