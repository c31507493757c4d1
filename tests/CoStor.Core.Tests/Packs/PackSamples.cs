using CoStor.Core.Blobs;
using CoStor.Core.Packs;

namespace CoStor.Core.Tests.Packs;

internal static class PackSamples
{
    private static readonly byte[] KeyingKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    /// <summary>Three sealed blobs of each type, deterministic.</summary>
    public static List<(BlobType Type, SealedBlob Blob)> Blobs() =>
    [
        (BlobType.Data, BlobSealer.Seal(new byte[5000], KeyingKey)),
        (BlobType.Tree, BlobSealer.Seal("tree bytes"u8, KeyingKey)),
        (BlobType.Snapshot, BlobSealer.Seal("{\"id\":\"x\"}"u8, KeyingKey)),
    ];

    public static byte[] SealedPack(out List<PackIndexEntry> entries)
    {
        using var ms = new MemoryStream();
        var writer = new PackWriter(ms);
        foreach (var (type, b) in Blobs())
        {
            writer.Append(type, b.Ref.Id, b.Blob);
        }

        entries = [.. writer.Entries];
        writer.Finish();
        return ms.ToArray();
    }

    public static byte[] OpenPack(out List<PackIndexEntry> entries)
    {
        using var ms = new MemoryStream();
        var writer = new PackWriter(ms);
        foreach (var (type, b) in Blobs())
        {
            writer.Append(type, b.Ref.Id, b.Blob);
        }

        entries = [.. writer.Entries];
        return ms.ToArray();
    }
}
