using System.Security.Cryptography;
using System.Text.Json;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Tests.Catalogue;

/// <summary>Snapshot root keys are sealed in the catalogue: the database file alone opens no snapshot.</summary>
public class SnapshotStoreTests
{
    [Test]
    public async Task A_root_key_is_stored_sealed_and_read_back_open()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var store = new SnapshotStore(site.Database, new CatalogueSecrets(site.Keys.Keyring.CatalogueKey));
        var record = Record("snap1");
        Insert(site, store, record);

        await Assert.That(RawJson(site, "snap1")).DoesNotContain(record.Root.Key);
        await Assert.That(store.Find("snap1")!.Root).IsEqualTo(record.Root);
        await Assert.That(store.List(null).Single().Root).IsEqualTo(record.Root);
    }

    [Test]
    public async Task Stats_the_dashboard_reads_are_copied_into_columns()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var store = new SnapshotStore(site.Database, new CatalogueSecrets(site.Keys.Keyring.CatalogueKey));
        Insert(site, store, Record("snap1") with { Stats = new SnapshotStats(7, 2, 4096, 3, 1024, 5) });

        using var connection = site.Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT files || ' ' || bytes || ' ' || new_bytes || ' ' || unreadable FROM snapshots WHERE id = 'snap1'";
        await Assert.That((string)command.ExecuteScalar()!).IsEqualTo("7 4096 1024 5");
    }

    [Test]
    public async Task An_agents_snapshots_come_a_page_at_a_time_oldest_first_and_the_newest_few_in_one_query()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var store = new SnapshotStore(site.Database, new CatalogueSecrets(site.Keys.Keyring.CatalogueKey));
        var agent = site.Agent("pc");
        foreach (var (id, minute) in new[] { ("c", 3), ("a", 1), ("b", 2) })
        {
            var session = site.Sessions.Start(agent).Id;
            using var connection = site.Database.Connect();
            using var transaction = connection.BeginTransaction();
            store.Insert(connection, transaction, Record(id) with { AgentId = agent, FinishedAt = DateTimeOffset.UnixEpoch.AddMinutes(minute) },
                session, CoStor.Core.Blobs.BlobId.Compute([1]));
            transaction.Commit();
        }

        await Assert.That(store.Page(agent, null, 2).Select(r => r.Id).ToArray()).IsEquivalentTo(["a", "b"], TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(store.Page(agent, "b", 2).Select(r => r.Id).ToArray()).IsEquivalentTo(["c"]);
        await Assert.That(store.Page(agent, "c", 2)).IsEmpty();
        await Assert.That(store.Page("another agent", null, 2)).IsEmpty();
        await Assert.That(store.Newest(agent, 2).Select(r => r.Id).ToArray()).IsEquivalentTo(["b", "c"], TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(store.Newest(agent, 10).Select(r => r.Id).ToArray()).IsEquivalentTo(["a", "b", "c"], TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(store.Newest("another agent", 2)).IsEmpty();
    }

    [Test]
    public async Task Rows_from_before_sealing_are_sealed_once_and_still_read_back()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var store = new SnapshotStore(site.Database, new CatalogueSecrets(site.Keys.Keyring.CatalogueKey));
        var record = Record("old");
        Insert(site, store, record);
        using (var connection = site.Database.Connect())
        using (var plain = connection.CreateCommand())
        {
            plain.CommandText = "UPDATE snapshots SET record_json = $json WHERE id = 'old'";
            plain.Parameters.AddWithValue("$json", JsonSerializer.Serialize(record with { AgentId = AgentOf(site, "old") }, ProtocolJsonContext.Default.SnapshotRecord));
            plain.ExecuteNonQuery();
        }

        await Assert.That(store.SealPlainRootKeys()).IsEqualTo(1);
        await Assert.That(store.SealPlainRootKeys()).IsEqualTo(0);
        await Assert.That(RawJson(site, "old")).DoesNotContain(record.Root.Key);
        await Assert.That(store.Find("old")!.Root).IsEqualTo(record.Root);
    }

    [Test]
    public async Task A_sealed_key_opens_only_for_its_own_row_and_only_with_its_site_key()
    {
        var secrets = new CatalogueSecrets(RandomNumberGenerator.GetBytes(32));
        var sealedKey = secrets.Seal("root key", "snap1");

        await Assert.That(secrets.Open(sealedKey, "snap1")).IsEqualTo("root key");
        Assert.Throws<CryptographicException>(() => secrets.Open(sealedKey, "snap2"));
        Assert.Throws<CryptographicException>(() => new CatalogueSecrets(RandomNumberGenerator.GetBytes(32)).Open(sealedKey, "snap1"));
    }

    private static SnapshotRecord Record(string id) => new(id, "agent1", "pc", "host", ["/data"], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        new BlobRefDto(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))),
        SnapshotRecord.Complete, new SnapshotStats(1, 0, 1, 1, 1), []);

    private static void Insert(TestSite site, SnapshotStore store, SnapshotRecord record)
    {
        var agent = site.Agent("pc");
        var session = site.Sessions.Start(agent);
        using var connection = site.Database.Connect();
        using var transaction = connection.BeginTransaction();
        store.Insert(connection, transaction, record with { AgentId = agent }, session.Id, CoStor.Core.Blobs.BlobId.Compute([1]));
        transaction.Commit();
    }

    private static string RawJson(TestSite site, string id)
    {
        using var connection = site.Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT record_json FROM snapshots WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string)command.ExecuteScalar()!;
    }

    private static string AgentOf(TestSite site, string id)
    {
        using var connection = site.Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT agent_id FROM snapshots WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string)command.ExecuteScalar()!;
    }
}
