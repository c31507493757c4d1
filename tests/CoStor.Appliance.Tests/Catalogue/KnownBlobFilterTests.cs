using System.Security.Cryptography;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;

namespace CoStor.Appliance.Tests.Catalogue;

public class KnownBlobFilterTests
{
    [Test]
    public async Task Until_loaded_every_id_may_be_held()
    {
        var filter = new KnownBlobFilter(1000);
        await Assert.That(filter.IsLoaded).IsFalse();
        await Assert.That(RandomIds(1000).Count(id => !filter.MayContain(id))).IsEqualTo(0);
    }

    [Test]
    public async Task Added_ids_are_always_found_and_others_rarely()
    {
        var filter = new KnownBlobFilter(50_000);
        var added = RandomIds(50_000);
        Parallel.ForEach(added, id => filter.Add(id));
        filter.MarkLoaded();

        await Assert.That(added.Count(id => !filter.MayContain(id))).IsEqualTo(0);
        var falseYes = RandomIds(100_000).Count(id => filter.MayContain(id));
        await Assert.That(falseYes).IsLessThan(1_000); // under 1 %
        await Assert.That(filter.SizeInBytes).IsEqualTo(2L << 20); // 2^20 ids minimum × 11 bits, rounded up to 2^24 bits
    }

    [Test]
    public async Task Loading_finds_every_indexed_id_and_keeps_ids_added_meanwhile()
    {
        using var scratch = new ScratchDirectory();
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        var indexed = RandomIds(20_000);
        using (var connection = database.Connect())
        using (var transaction = connection.BeginTransaction())
        {
            using (var pack = connection.CreateCommand())
            {
                pack.Transaction = transaction;
                pack.CommandText = "INSERT INTO packs (id, state, created_at) VALUES (1, 'open', '2026-01-01T00:00:00Z')";
                pack.ExecuteNonQuery();
            }
            BlobIndex.Insert(connection, transaction, 1, indexed.Select((id, i) => new PackIndexEntry(BlobType.Data, id, i * 100L, 100)).ToList());
            transaction.Commit();
        }

        var filter = KnownBlobFilter.SizedFor(database);
        using var loader = new KnownBlobFilterLoader(filter, database, Microsoft.Extensions.Logging.Abstractions.NullLogger<KnownBlobFilterLoader>.Instance);
        await loader.StartAsync(CancellationToken.None);
        var addedMeanwhile = RandomIds(1_000);
        foreach (var id in addedMeanwhile)
            filter.Add(id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!filter.IsLoaded && DateTime.UtcNow < deadline)
            await Task.Delay(10);
        await loader.StopAsync(CancellationToken.None);

        await Assert.That(filter.IsLoaded).IsTrue();
        await Assert.That(indexed.Concat(addedMeanwhile).Count(id => !filter.MayContain(id))).IsEqualTo(0);
        await Assert.That(RandomIds(10_000).Count(id => filter.MayContain(id))).IsLessThan(100);
    }

    private static List<BlobId> RandomIds(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => BlobId.Read(RandomNumberGenerator.GetBytes(BlobId.Length)))];
}
