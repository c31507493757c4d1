using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Reading;

namespace CoStor.Core.Tests.Reading;

/// <summary>Blobs held in memory, by id.</summary>
public sealed class MemoryBlobReader : IBlobReader
{
    public Dictionary<BlobId, byte[]> Blobs { get; } = [];

    public BlobRef Add(SealedBlob blob)
    {
        Blobs[blob.Ref.Id] = blob.Blob;
        return blob.Ref;
    }

    public ReadOnlySpan<byte> Read(in BlobId id) => Blobs.TryGetValue(id, out var blob) ? blob : throw new MissingBlobException($"blob {id} is not held");
}
