using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// The one connection through which uploads index their blobs, used by one upload at a time, so that
/// uploads queue here in process, woken the moment the previous one commits, instead of on SQLite's write
/// lock, whose busy handler sleeps in steps of up to 100 ms. (A large page cache on this connection was
/// tried as well: it did not make inserts measurably faster and cost up to the index's size in memory.)
/// </summary>
public sealed class IndexWriter : IDisposable
{
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
            _connection ??= _database.Connect();
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
