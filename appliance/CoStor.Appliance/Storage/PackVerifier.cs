using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Appliance.Storage;

/// <summary>Checks a whole sealed pack: what a store must do before it accepts bytes from anyone else.</summary>
public static class PackVerifier
{
    /// <summary>
    /// Verifies header, index and trailer, that the index hashes to <paramref name="expected"/>, and every blob
    /// against its id; throws <see cref="CorruptPackException"/> naming the first problem.
    /// </summary>
    public static void Verify(Stream pack, BlobId expected)
    {
        var name = PackReader.ComputePackId(pack);
        if (name != expected)
            throw new CorruptPackException($"pack {expected}: its index hashes to {name}");
        foreach (var entry in PackReader.ReadIndex(pack))
            PackReader.ReadBlob(pack, entry);
    }
}
