using System.Buffers;
using CoStor.Appliance.Catalogue;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Reading;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Storage;

/// <summary>
/// <see cref="IBlobReader"/> over this site's blob index and packs: one catalogue connection with a prepared
/// lookup, the last pack kept open (<see cref="PackReadSession"/>), and one buffer, rented from the shared pool,
/// that grows to the largest blob read (at most <see cref="BlobLimits.MaxBlobLength"/>). Read-only: safe beside a serving appliance. One thread at a time.
/// </summary>
public sealed class LocalBlobReader : IBlobReader, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _find;
    private readonly PackFiles _files;
    private readonly IPackRepair? _repair;
    private PackReadSession _packs;
    private byte[] _buffer = [];
    // The last lookup: an archive asks where a file's first chunk is (to choose its compression), then reads it.
    private (BlobId Id, BlobLocation? Location) _last;

    public LocalBlobReader(CatalogueDatabase database, PackFiles packs)
    {
        _connection = database.Connect();
        _find = BlobIndex.PrepareFind(_connection);
        _files = packs;
        _repair = packs.Repair;
        _packs = new PackReadSession(packs);
    }

    /// <summary>Where <paramref name="id"/> is stored, or null when it is not indexed.</summary>
    public BlobLocation? Locate(in BlobId id)
    {
        if (_last.Id != id || _last.Location is null)
            _last = (id, BlobIndex.Find(_find, id));
        return _last.Location;
    }

    public Span<byte> Read(in BlobId id)
    {
        var location = Locate(id) ?? throw new MissingBlobException($"blob {id} is not in the blob index");
        if (location.Length > BlobLimits.MaxBlobLength)
            throw new CorruptPackException($"blob {id} is indexed with {location.Length} bytes, over the {BlobLimits.MaxBlobLength}-byte limit");
        if (_buffer.Length < location.Length)
        {
            ReturnBuffer();
            _buffer = ArrayPool<byte>.Shared.Rent(location.Length);
        }
        var blob = _buffer.AsSpan(0, location.Length);
        if (_repair is null)
        {
            _packs.Read(location, blob);
            return blob;
        }
        try
        {
            ReadVerified(id, location, blob);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or CorruptPackException)
        {
            if (!_repair.TryRepair(location.PackId, e.Message))
                throw;
            // The damaged file was quarantined and a verified copy fetched: drop the old handle and read once more.
            _packs.Dispose();
            _packs = new PackReadSession(_files);
            ReadVerified(id, location, blob);
        }
        return blob;
    }

    /// <summary>Reads and checks the blob against its id, so a damaged pack is found here, where it can be healed and read again.</summary>
    private void ReadVerified(in BlobId id, BlobLocation location, Span<byte> blob)
    {
        _packs.Read(location, blob);
        if (BlobId.Compute(blob) != id)
            throw new CorruptPackException($"blob {id} in pack {location.PackId} does not match its id");
    }

    public void Dispose()
    {
        _packs.Dispose();
        ReturnBuffer();
        _find.Dispose();
        _connection.Dispose();
    }

    private void ReturnBuffer()
    {
        if (_buffer.Length > 0)
            ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
