using CoStor.Appliance.Catalogue;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Appliance.Storage;

/// <summary>
/// Reads many blobs, keeping the last pack open: blobs uploaded together sit in the same pack, so a restore
/// or a commit walk opens each pack once instead of once per blob.
/// </summary>
public sealed class PackReadSession(PackFiles packs) : IDisposable
{
    public PackReadSession(PackStore packs) : this(packs.Files)
    {
    }

    private long _packId = -1;
    private SafeFileHandle? _handle;

    public void Read(in BlobLocation location, Span<byte> destination) => PackStore.ReadAt(Open(location), location, destination);

    /// <summary>Reads <c>destination.Length</c> bytes of the blob at <paramref name="location"/>, from <paramref name="blobOffset"/> on.</summary>
    public void ReadPart(in BlobLocation location, int blobOffset, Span<byte> destination) =>
        PackStore.ReadPartAt(Open(location), location, blobOffset, destination);

    /// <summary>The pack holding <paramref name="location"/>, opened unless it is the one already open (kept for the next reads).</summary>
    public SafeFileHandle Open(in BlobLocation location)
    {
        if (_handle is null || location.PackId != _packId)
        {
            _handle?.Dispose();
            _handle = packs.OpenForReading(location.PackId);
            _packId = location.PackId;
        }
        return _handle;
    }

    public void Dispose() => _handle?.Dispose();
}
