using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// Read-only views: a catalogue materialised from a peer's checkpoint (<c>peers/NAME/view/catalogue.db</c>) is never
/// written after it is made, and is replaced whole by renaming a new file over it. So it is kept in rollback-journal
/// mode (no <c>-wal</c>/<c>-shm</c> beside it that a replacement could inherit) and read through unpooled read-only
/// connections (a reader holds the file it opened; the next one opens the replacement).
/// </summary>
public sealed partial class CatalogueDatabase
{
    /// <summary>Opens a view finished by <see cref="FinishView"/>, read-only.</summary>
    public static CatalogueDatabase OpenView(string path)
    {
        if (!File.Exists(path))
            throw new Errors.ApplianceException($"{path} does not exist");
        return new CatalogueDatabase(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false });
    }

    /// <summary>
    /// Closes this (freshly written) catalogue's pooled connections and turns it into a self-contained single file in
    /// rollback-journal mode, ready to be renamed into place as a view. Nothing else may have it open.
    /// </summary>
    public void FinishView()
    {
        using (var pooled = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(pooled);
        var builder = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var mode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode=DELETE;"), System.Globalization.CultureInfo.InvariantCulture);
        if (!string.Equals(mode, "delete", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"the view {builder.DataSource} is still open elsewhere (journal mode {mode})");
    }
}
