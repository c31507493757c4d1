using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Reading;

namespace CoStor.Core.Tests.Reading;

/// <summary>Blobs held in memory, by id; each read hands out a copy, which the caller may overwrite.</summary>
public sealed class MemoryBlobReader : IBlobReader
{
    public Dictionary<BlobId, byte[]> Blobs { get; } = [];

    public BlobRef Add(SealedBlob blob)
    {
        Blobs[blob.Ref.Id] = blob.Blob;
        return blob.Ref;
    }

    public Span<byte> Read(in BlobId id) => Blobs.TryGetValue(id, out var blob) ? blob.ToArray() : throw new MissingBlobException($"blob {id} is not held");
}
