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
/// With an <see cref="IPackRepair"/> (self-heal, when peers are configured), a pack file found missing is repaired at
/// once, and a blob that fails its caller's check is hashed and its pack repaired if damaged (<see cref="TryRepair"/>).
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
        var blob = Scratch(location.Length);
        try
        {
            _packs.Read(location, blob);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or CorruptPackException && Repaired(location, e.Message))
        {
            _packs.Read(location, blob);
        }
        return blob;
    }

    /// <summary>
    /// Asked once a blob failed its check (<see cref="IBlobReader"/>): reads it again and hashes it; when the stored
    /// bytes no longer match the id (the pack was damaged) the <see cref="IPackRepair"/> replaces the pack and the
    /// caller reads again. A blob that matches its id was not damaged here, so nothing is repaired.
    /// </summary>
    public bool TryRepair(in BlobId id)
    {
        if (_repair is null || Locate(id) is not { } location || location.Length > BlobLimits.MaxBlobLength)
            return false;
        var blob = Scratch(location.Length);
        try
        {
            _packs.Read(location, blob);
            if (BlobId.Compute(blob) == id)
                return false;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or CorruptPackException or EndOfStreamException)
        {
        }
        return Repaired(location, $"blob {id} in pack {location.PackId} does not match its id");
    }

    /// <summary>Has the pack repaired (quarantined, fetched again); on success reading starts over with fresh handles.</summary>
    private bool Repaired(BlobLocation location, string problem)
    {
        if (_repair is null || !_repair.TryRepair(location.PackId, problem))
            return false;
        _packs.Dispose();
        _packs = new PackReadSession(_files);
        return true;
    }

    /// <summary>The reader's buffer, grown (from the shared pool) to at least <paramref name="length"/> bytes.</summary>
    private Span<byte> Scratch(int length)
    {
        if (_buffer.Length < length)
        {
            ReturnBuffer();
            _buffer = ArrayPool<byte>.Shared.Rent(length);
        }
        return _buffer.AsSpan(0, length);
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
