using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The one connection through which uploads index their blobs, used by one upload at a time.
/// Blob ids are random keys, so a batch of small files touches pages all over the blob index; SQLite drops a
/// connection's page cache whenever another connection wrote, so with uploads writing through whichever
/// pooled connection they got, every batch re-read those pages. Through one long-lived connection with a
/// large cache they stay cached, and uploads queue here in process instead of on SQLite's write lock.
/// </summary>
public sealed class IndexWriter : IDisposable
{
    /// <summary>Page cache of the writer connection (SQLite's negative form: KiB).</summary>
    private const int CacheKibibytes = 32 * 1024;

    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly CatalogueDatabase _database;
    private SqliteConnection? _connection;

    public IndexWriter(CatalogueDatabase database) => _database = database;

    /// <summary>Waits for the writer connection; dispose the lease to hand it on.</summary>
    public async Task<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            if (_connection is null)
            {
                _connection = _database.Connect();
                CatalogueDatabase.Execute(_connection, $"PRAGMA cache_size=-{CacheKibibytes};");
            }
            return new Lease(this, _connection);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
        _turn.Dispose();
    }

    public readonly struct Lease(IndexWriter owner, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose() => owner._turn.Release();
    }
}
