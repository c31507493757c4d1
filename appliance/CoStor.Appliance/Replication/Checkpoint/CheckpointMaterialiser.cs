using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CoStor.Appliance.Catalogue;
using Microsoft.Data.Sqlite;

namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// Turns an opened checkpoint back into a catalogue: a new database created through the normal migrations, holding the
/// checkpoint's rows, so the appliance's readers (SnapshotStore with the site's CatalogueSecrets, SnapshotBrowser,
/// PackFiles over a data directory whose <c>packs/</c> holds the same packs) work on it unchanged. The content's JSON
/// is read a row at a time: memory holds the JSON and one row, never the whole content as objects.
/// </summary>
public static class CheckpointMaterialiser
{
    /// <summary>What a materialised checkpoint held: its counts and the site's peers (a rebuild fetches packs from them).</summary>
    public sealed record Summary(long Sequence, int Agents, int Snapshots, int Packs, IReadOnlyList<CheckpointPeer> Peers);

    /// <summary>
    /// Writes the content's JSON (<see cref="CheckpointCodec.OpenJson"/>) into a new catalogue at
    /// <paramref name="catalogueFile"/>. The content must be version
    /// <see cref="CheckpointContent.CurrentVersion"/> of site <paramref name="site"/> at <paramref name="sequence"/>
    /// (checked before anything is committed). An existing file is refused (a catalogue is never overwritten); malformed
    /// JSON or a dangling reference is a <see cref="CheckpointException"/>, and a refusal leaves no file.
    /// </summary>
    public static (CatalogueDatabase Database, Summary Summary) WriteJson(byte[] json, string site, long sequence, string catalogueFile)
    {
        Summary? summary = null;
        var database = Create(catalogueFile, database =>
        {
            try
            {
                summary = Insert(database, json, site, sequence);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                throw new CheckpointException($"the checkpoint's content is unreadable: {e.Message}", e);
            }
            catch (SqliteException e)
            {
                throw new CheckpointException($"the checkpoint's rows do not fit together: {e.Message}", e);
            }
        });
        return (database, summary!);
    }

    private static Summary Insert(CatalogueDatabase database, byte[] json, string site, long sequence)
    {
        var types = CheckpointJsonContext.Default;
        using var insert = new CheckpointInserter(database);
        var reader = new Utf8JsonReader(json);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "the content is not a JSON object");
        int? version = null;
        string? contentSite = null;
        long? contentSequence = null;
        int agents = 0, snapshots = 0, packs = 0;
        var peers = new List<CheckpointPeer>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "version": version = reader.GetInt32(); break;
                case "site": contentSite = reader.GetString(); break;
                case "sequence": contentSequence = reader.GetInt64(); break;
                case "agents": agents = Each(ref reader, types.CheckpointAgent, insert.Agent); break;
                case "groups": Each(ref reader, types.CheckpointGroup, insert.Group); break;
                case "users": Each(ref reader, types.CheckpointUser, insert.User); break;
                case "sessions": Each(ref reader, types.CheckpointSession, insert.Session); break;
                case "snapshots": snapshots = Each(ref reader, types.CheckpointSnapshot, insert.Snapshot); break;
                case "packs": packs = Each(ref reader, types.CheckpointPack, insert.Pack); break;
                case "retired": Each(ref reader, types.CheckpointRetirement, insert.Retired); break;
                case "peers": Each(ref reader, types.CheckpointPeer, peers.Add); break;
                default: reader.Skip(); break; // a property a later writer may add: nothing here needs it
            }
        }
        Expect(reader.TokenType == JsonTokenType.EndObject && !reader.Read(), "the content does not end where its object ends");
        if (version != CheckpointContent.CurrentVersion)
            throw new CheckpointException($"the checkpoint's content has version {version}, not {CheckpointContent.CurrentVersion}");
        if (contentSite != site)
            throw new CheckpointException($"the checkpoint's content is site '{contentSite}'s, not '{site}'s");
        if (contentSequence != sequence)
            throw new CheckpointException($"the checkpoint's content says sequence {contentSequence}, its envelope {sequence}");
        insert.Commit();
        return new Summary(sequence, agents, snapshots, packs, peers);
    }

    /// <summary>Hands each element of the array at the reader to <paramref name="row"/>; returns how many there were.</summary>
    private static int Each<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> type, Action<T> row)
    {
        Expect(reader.TokenType == JsonTokenType.StartArray, $"{typeof(T).Name} rows are not a JSON array");
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            row(JsonSerializer.Deserialize(ref reader, type) ?? throw new CheckpointException($"a {typeof(T).Name} row is null"));
            count++;
        }
        return count;
    }

    private static void Expect(bool condition, string otherwise)
    {
        if (!condition)
            throw new CheckpointException($"the checkpoint's content is unreadable: {otherwise}");
    }

    private static CatalogueDatabase Create(string catalogueFile, Action<CatalogueDatabase> fill)
    {
        var path = Path.GetFullPath(catalogueFile);
        if (File.Exists(path) || File.Exists(path + "-wal"))
            throw new CheckpointException($"{path} exists; a checkpoint is materialised only into a new catalogue");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            var database = CatalogueDatabase.Open(path);
            fill(database);
            return database;
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
            throw;
        }
    }
}
