using System.Globalization;
using CoStor.Appliance.Catalogue;
using System.Text.Json;
using CoStor.Core.Protocol;
using CoStor.Appliance.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Tests.Catalogue.Dashboard;

/// <summary>
/// Fills a catalogue with a site the size the dashboard must stay fast for — by default 200 agents with a snapshot a
/// day for 365 days (73,000) and 5 packs of 32 MiB a day — in one transaction with prepared statements (a few seconds).
/// Each agent's snapshot of day k (k days before "now", at 08:00 UTC) has 10^9 + (365 − k)·10^6 bytes and 10^6 new
/// bytes. Agents of note: 0–4 made none in the last 3 days (overdue), 5–7 end with a partial snapshot, 8 enrolled 10
/// days ago and never backed up, 9 is revoked; other snapshots are partial when (agent + k) % 11 == 0 (never the latest).
/// Agents are in groups "Room 0".."Room 9" by agent % 10. Each row's record is whole (its root key plain, as rows
/// from before keys were sealed: the appliance seals them at start) but names a root tree that does not exist.
/// </summary>
internal sealed class CatalogueGenerator(CatalogueDatabase database, DateTimeOffset now, int agents = 200, int days = 365)
{
    public const long PackSize = 32L << 20, NewBytes = 1_000_000;
    public const int PacksPerDay = 5;
    public static readonly int[] Overdue = [0, 1, 2, 3, 4], EndsPartial = [5, 6, 7];
    public const int NeverBackedUp = 8, Revoked = 9;

    public long StoredBytes { get; private set; }
    public long LogicalBytes { get; private set; }
    public long Snapshots { get; private set; }
    public long LatestLogicalBytes { get; private set; }

    public static string AgentId(int agent) => $"agent{agent:000}";

    public static long Bytes(int daysAgo, int days = 365) => 1_000_000_000 + (long)(days - daysAgo) * 1_000_000;

    public static bool Partial(int agent, int daysAgo) => EndsPartial.Contains(agent) ? daysAgo == 0 : daysAgo > 0 && (agent + daysAgo) % 11 == 0;

    public static bool Skipped(int agent, int daysAgo) => agent == NeverBackedUp || Overdue.Contains(agent) && daysAgo < 3;

    public void Generate()
    {
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, string.Join(';', Enumerable.Range(0, 10).Select(g => $"INSERT INTO agent_groups (id, name, created_at) VALUES ({g + 1}, 'Room {g}', '{Time(now.AddDays(-400))}')")));
        for (var agent = 0; agent < agents; agent++)
            InsertAgent(connection, transaction, agent);
        InsertSnapshots(connection, transaction);
        InsertPacks(connection, transaction);
        transaction.Commit();
    }

    private void InsertAgent(SqliteConnection connection, SqliteTransaction transaction, int agent)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO agents (id, name, host, secret_hash, enrolled_at, revoked_at, group_id) VALUES ($id, $name, $host, zeroblob(32), $enrolled, $revoked, $group)";
        insert.Parameters.AddWithValue("$id", AgentId(agent));
        insert.Parameters.AddWithValue("$name", $"PC-{agent:000}");
        insert.Parameters.AddWithValue("$host", $"host-{agent:000}.school.example");
        insert.Parameters.AddWithValue("$enrolled", Time(now.AddDays(agent == NeverBackedUp ? -10 : -400)));
        insert.Parameters.AddWithValue("$revoked", agent == Revoked ? Time(now.AddDays(-1)) : DBNull.Value);
        insert.Parameters.AddWithValue("$group", agent % 10 + 1);
        insert.ExecuteNonQuery();
    }

    private void InsertSnapshots(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var session = BulkInsert.Prepared(connection, transaction, "INSERT INTO sessions (id, agent_id, started_at, snapshot_id) VALUES ($id, $agent, $at, $id)", "$id", "$agent", "$at");
        using var snapshot = BulkInsert.Prepared(connection, transaction,
            "INSERT INTO snapshots (id, agent_id, session_id, host, started_at, finished_at, status, blob_id, record_json, files, bytes, new_bytes, unreadable) " +
            "VALUES ($id, $agent, $id, 'host', $at, $at, $status, $blob, $json, 1000, $bytes, $new, $unreadable)", "$id", "$agent", "$at", "$status", "$blob", "$json", "$bytes", "$new", "$unreadable");
        for (var agent = 0; agent < agents; agent++)
        {
            var latest = true;
            for (var daysAgo = 0; daysAgo < days; daysAgo++)
            {
                if (Skipped(agent, daysAgo))
                    continue;
                var id = $"{agent:x8}{daysAgo:x8}".PadLeft(32, '0');
                var at = Time(Today.AddHours(8).AddDays(-daysAgo));
                var partial = Partial(agent, daysAgo);
                BulkInsert.Run(session, id, AgentId(agent), at);
                var status = partial ? SnapshotRecord.Partial : SnapshotRecord.Complete;
                BulkInsert.Run(snapshot, id, AgentId(agent), at, status, Convert.FromHexString(id + id), Record(id, AgentId(agent), at, status, Bytes(daysAgo, days)),
                    Bytes(daysAgo, days), NewBytes, partial ? 3 : 0);
                Snapshots++;
                LogicalBytes += Bytes(daysAgo, days);
                if (latest)
                    LatestLogicalBytes += Bytes(daysAgo, days);
                latest = false;
            }
        }
    }

    private static string Record(string id, string agent, string at, string status, long bytes)
    {
        var time = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
        var record = new SnapshotRecord(id, agent, agent, "host", ["/home"], time, time, new BlobRefDto(id + id, Convert.ToBase64String(new byte[32])),
            status, new SnapshotStats(1000, 100, bytes, 10, NewBytes, status == SnapshotRecord.Partial ? 3 : 0), []);
        return JsonSerializer.Serialize(record, ProtocolJsonContext.Default.SnapshotRecord);
    }

    private void InsertPacks(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var pack = BulkInsert.Prepared(connection, transaction, "INSERT INTO packs (name, state, size, blob_count, created_at, sealed_at) VALUES ($name, 'sealed', $size, 100, $at, $at)", "$name", "$size", "$at");
        for (var daysAgo = 0; daysAgo < days; daysAgo++)
        {
            for (var i = 0; i < PacksPerDay; i++)
            {
                var at = Time(Today.AddHours(8 + i).AddDays(-daysAgo));
                BulkInsert.Run(pack, $"{daysAgo:x8}{i:x8}".PadLeft(64, '0'), PackSize, at);
                StoredBytes += PackSize;
            }
        }
    }

    private DateTimeOffset Today => new(now.UtcDateTime.Date, TimeSpan.Zero);

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
