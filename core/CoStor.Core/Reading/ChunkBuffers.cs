using System.Buffers;
using CoStor.Core.Blobs;

namespace CoStor.Core.Reading;

/// <summary>
/// The buffer a <see cref="FileContentStream"/> decodes chunks into, for a caller that streams many files one after
/// another (an archive) to reuse instead of allocating per file. It is rented from the shared pool and returned on
/// dispose, so archives one after another reuse the same memory instead of leaving 4 MiB each for the collector. Used by one stream at a time; not used after dispose.
/// </summary>
public sealed class ChunkBuffers : IDisposable
{
    public byte[] Plain { get; } = ArrayPool<byte>.Shared.Rent(BlobLimits.MaxDataPlainLength);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(Plain);
    }
}
