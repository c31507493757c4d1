using System.Security.Cryptography;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Blobs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoStor.Appliance.Tests.Storage;

/// <summary>Start-up recovery accepts whatever an interrupted open pack holds; no pack stops the appliance.</summary>
public class PackStoreRecoveryTests
{
    private static readonly ManualTime Time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// Two uploads of the same new blob X at once: both packs hold X, the index names the first; the second pack
    /// goes on with Y. After a crash the second pack resumes with X kept (unindexed) and accepts more.
    /// </summary>
    [Test]
    public async Task A_duplicate_frame_from_concurrent_uploads_does_not_stop_recovery_and_the_pack_resumes()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        var (x, y, z) = (RandomNumberGenerator.GetBytes(4000), RandomNumberGenerator.GetBytes(3000), RandomNumberGenerator.GetBytes(2000));
        using (var store = Open(data, database))
        {
            var first = await store.RentAsync(CancellationToken.None);
            var second = await store.RentAsync(CancellationToken.None);
            Append(first, x);
            Append(second, x);
            Append(second, y);
            Commit(database, first);
            Commit(database, second);
            store.Return(first);
            store.Return(second);
        } // no seal: as after kill -9

        using var reopened = Open(data, database);
        await AssertReadable(reopened, database, [x, y]);
        var resumed = await reopened.RentAsync(CancellationToken.None);
        var other = await reopened.RentAsync(CancellationToken.None);
        var withDuplicate = resumed.Entries.Count == 2 ? resumed : other;
        await Assert.That(withDuplicate.Entries.Select(e => e.Id).ToArray()).IsEquivalentTo([BlobId.Compute(x), BlobId.Compute(y)]);
        Append(withDuplicate, z);
        Commit(database, withDuplicate);
        reopened.Return(resumed);
        reopened.Return(other);
        reopened.SealIdle();

        await AssertReadable(reopened, database, [x, y, z]);
        foreach (var name in reopened.Sealed.List())
            using (var stream = reopened.Sealed.OpenRead(name)!)
                PackVerifier.Verify(stream, name);
        await Assert.That(reopened.Sealed.List().Count()).IsEqualTo(2);
    }

    [Test]
    public async Task An_open_pack_with_nothing_acknowledged_and_a_torn_header_is_started_afresh()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        long id;
        using (var store = Open(data, database))
        {
            var pack = await store.RentAsync(CancellationToken.None);
            id = pack.Id;
            store.Return(pack);
        }
        await File.WriteAllBytesAsync(data.OpenPackPath(id), [1, 2, 3]); // the header never reached the disk

        using var reopened = Open(data, database);
        using var connection = database.Connect();
        await Assert.That(PackTable.Find(connection, id)).IsNull();
        await Assert.That(File.Exists(data.OpenPackPath(id))).IsFalse();
        var blob = RandomNumberGenerator.GetBytes(1000);
        var fresh = await reopened.RentAsync(CancellationToken.None);
        Append(fresh, blob);
        Commit(database, fresh);
        reopened.Return(fresh);
        await AssertReadable(reopened, database, [blob]);
    }

    [Test]
    public async Task A_pack_missing_acknowledged_bytes_is_set_aside_and_the_rest_serves()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        var (intact, lost) = (RandomNumberGenerator.GetBytes(4000), RandomNumberGenerator.GetBytes(4000));
        long id;
        using (var store = Open(data, database))
        {
            var pack = await store.RentAsync(CancellationToken.None);
            id = pack.Id;
            Append(pack, intact);
            Append(pack, lost);
            Commit(database, pack);
            store.Return(pack);
        }
        var path = data.OpenPackPath(id);
        var length = new FileInfo(path).Length;
        await using (var file = new FileStream(path, FileMode.Open))
            file.SetLength(length - 100); // acknowledged bytes gone (a failing disk)

        using var reopened = Open(data, database);
        await AssertReadable(reopened, database, [intact]);
        var next = await reopened.RentAsync(CancellationToken.None);
        await Assert.That(next.Id).IsNotEqualTo(id); // the damaged pack is never appended to
        await Assert.That(new FileInfo(path).Length).IsEqualTo(length - 100); // and nothing of it is cut
        reopened.Return(next);
    }

    private static PackStore Open(DataDirectory data, CatalogueDatabase database) =>
        new(data, database, Time, NullLogger<PackStore>.Instance, maxOpenPacks: 2);

    private static void Append(OpenPack pack, byte[] blob) => pack.Append(BlobType.Data, BlobId.Compute(blob), blob);

    /// <summary>What an upload does once its frames are in: fsync, then index and the pack's size in one transaction.</summary>
    private static void Commit(CatalogueDatabase database, OpenPack pack)
    {
        pack.FlushToDisk();
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        BlobIndex.Insert(connection, transaction, pack.Id, pack.Pending.ToList());
        PackTable.UpdateOpenSize(connection, transaction, pack.Id, pack.Length, pack.Entries.Count);
        transaction.Commit();
        pack.Commit();
    }

    private static Task AssertReadable(PackStore store, CatalogueDatabase database, IReadOnlyList<byte[]> blobs) =>
        PackStoreTests.AssertReadable(store, database, blobs);
}
