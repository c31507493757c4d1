using CoStor.Appliance.Replication.Retention;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Catalogue;

/// <summary>
/// This site's retention decisions (<c>retired_packs</c>; docs/replication.md, "Deletions"): "pack P retired at T".
/// Whatever removes a sealed pack of this site records it here first, in the transaction that removes the pack's
/// row, so its peers learn of it (<c>/peer/v1/retired</c>, the checkpoint) and drop their copies only after their
/// own grace. A decision is never withdrawn or re-dated: the first record of a pack wins.
/// </summary>
public sealed class RetiredPackTable(CatalogueDatabase database)
{
    /// <summary>Records pack <paramref name="name"/> retired at <paramref name="at"/>; false when it already was.</summary>
    public bool Record(string name, DateTimeOffset at)
    {
        using var connection = database.Connect();
        return Record(connection, null, name, at);
    }

    /// <summary>As <see cref="Record(string, DateTimeOffset)"/>, inside the caller's transaction.</summary>
    public static bool Record(SqliteConnection connection, SqliteTransaction? transaction, string name, DateTimeOffset at)
    {
        using var command = connection.Command("INSERT INTO retired_packs (name, retired_at) VALUES ($name, $at) ON CONFLICT (name) DO NOTHING", transaction)
            .With("$name", name).With("$at", SqliteExtensions.Time(at));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Every decision, by pack name.</summary>
    public IReadOnlyList<RetentionDecision> All()
    {
        using var connection = database.Connect();
        return All(connection, null);
    }

    internal static List<RetentionDecision> All(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.Command("SELECT name, retired_at FROM retired_packs ORDER BY name", transaction);
        using var reader = command.ExecuteReader();
        var decisions = new List<RetentionDecision>();
        while (reader.Read())
            decisions.Add(new RetentionDecision(reader.GetString(0), reader.ReadTime(1)));
        return decisions;
    }
}
