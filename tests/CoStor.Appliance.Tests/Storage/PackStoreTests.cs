using System.Security.Cryptography;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Blobs;
using CoStor.Core.Packs;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoStor.Appliance.Tests.Storage;

/// <summary>The pack store against real files and a real catalogue: durability, rollback, sealing, recovery.</summary>
public class PackStoreTests
{
    private static readonly ManualTime Time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    [Test]
    public async Task Committed_blobs_read_back_before_and_after_sealing_and_restart()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        var blobs = Enumerable.Range(0, 40).Select(_ => RandomNumberGenerator.GetBytes(1 << 20)).ToList();

        using (var store = Open(data, database))
        {
            foreach (var blob in blobs)
                await Store(store, database, blob);
            await AssertReadable(store, database, blobs);
        }
        var sealedPacks = Directory.EnumerateFiles(data.PacksPath, "*.pack", SearchOption.AllDirectories).ToList();
        await Assert.That(sealedPacks.Count).IsGreaterThanOrEqualTo(1);
        foreach (var path in sealedPacks)
        {
            // Each sealed pack is named by its content as any reader computes it.
            using var file = File.OpenRead(path);
            await Assert.That(Path.GetFileNameWithoutExtension(path)).IsEqualTo(CoStor.Core.Packs.PackReader.ComputePackId(file).ToString());
        }

        using var reopened = Open(data, database);
        await AssertReadable(reopened, database, blobs);
    }

    /// <summary>
    /// A refused upload's frames are cut off the pack, whole ones and one left half-streamed alike, also when
    /// it was the first upload into a brand-new pack (nothing committed but the header).
    /// </summary>
    [Test]
    [Arguments(false, false)]
    [Arguments(true, false)]
    [Arguments(false, true)]
    [Arguments(true, true)]
    public async Task Rolled_back_frames_leave_no_trace(bool leftOpenMidway, bool newPack)
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        using var store = Open(data, database);
        var kept = RandomNumberGenerator.GetBytes(1000);
        if (!newPack)
            await Store(store, database, kept);

        var pack = await store.RentAsync(CancellationToken.None);
        var lengthBefore = pack.Length;
        var dropped = RandomNumberGenerator.GetBytes(5000);
        if (leftOpenMidway)
        {
            pack.BeginFrame(BlobType.Data, BlobId.Compute(dropped), dropped.Length);
            pack.WriteBlob(dropped.AsSpan(0, 3000)); // the upload is refused before the frame ends
        }
        else
        {
            pack.Append(BlobType.Data, BlobId.Compute(dropped), dropped);
        }
        store.Return(pack);

        var again = await store.RentAsync(CancellationToken.None);
        await Assert.That(again.Length).IsEqualTo(lengthBefore);
        await Assert.That(new FileInfo(again.Path).Length).IsEqualTo(lengthBefore);
        again.Append(BlobType.Data, BlobId.Compute(dropped), dropped); // the writer accepts frames again
        store.Return(again);
        if (newPack)
            await Store(store, database, kept);
        await AssertReadable(store, database, [kept]);
    }

    [Test]
    public async Task Torn_tail_of_an_open_pack_is_cut_at_restart_and_indexed_blobs_survive()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        var kept = RandomNumberGenerator.GetBytes(3000);
        string openPath;
        using (var store = Open(data, database))
        {
            await Store(store, database, kept);
            openPath = Directory.EnumerateFiles(data.OpenPacksPath).Single();
        }
        // A crash after an unacknowledged append: garbage after the last indexed frame.
        await using (var file = new FileStream(openPath, FileMode.Append))
            file.Write(RandomNumberGenerator.GetBytes(777));

        using var reopened = Open(data, database);
        await AssertReadable(reopened, database, [kept]);
        var pack = await reopened.RentAsync(CancellationToken.None);
        await Assert.That(new FileInfo(openPath).Length).IsEqualTo(pack.Length);
        reopened.Return(pack);
    }

    [Test]
    public async Task Stray_open_file_is_quarantined_not_deleted()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        data.EnsureLayout();
        var database = CatalogueDatabase.Open(data.CataloguePath);
        await File.WriteAllBytesAsync(Path.Combine(data.OpenPacksPath, "999.open"), [1, 2, 3]);

        using var store = Open(data, database);

        await Assert.That(File.Exists(Path.Combine(data.OpenPacksPath, "999.open"))).IsFalse();
        await Assert.That(Directory.EnumerateFiles(data.QuarantinePath).Count()).IsEqualTo(1);
    }

    /// <summary>
    /// A reader that had the open pack's path cached finds the pack after it was renamed into packs/ while its
    /// row still says 'sealing' (the moment between the rename and the last row update of a seal).
    /// </summary>
    [Test]
    public async Task A_pack_renamed_mid_seal_is_found_by_a_reader_with_the_old_path()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        using var store = Open(data, database);
        var blob = RandomNumberGenerator.GetBytes(5000);
        await Store(store, database, blob);
        await AssertReadable(store, database, [blob]); // caches the open pack's path

        using var connection = database.Connect();
        var location = BlobIndex.Find(connection, BlobId.Compute(blob))!.Value;
        var name = new string('a', 64);
        PackTable.MarkSealing(connection, location.PackId, name, 0, 1);
        var sealedPath = new LocalPackDirectory(data.PacksPath).PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(sealedPath)!);
        File.Move(data.OpenPackPath(location.PackId), sealedPath);

        await AssertReadable(store, database, [blob]);
    }

    [Test]
    public async Task An_idle_open_pack_is_sealed_once_it_has_been_idle_long_enough_and_its_blobs_still_read()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        var clock = new ManualTime(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
        using var store = new PackStore(data, database, clock, NullLogger<PackStore>.Instance, maxOpenPacks: 2);
        var blob = RandomNumberGenerator.GetBytes(5000);
        await Store(store, database, blob);

        clock.Advance(TimeSpan.FromSeconds(299));
        await Assert.That(store.SealIdleFor(TimeSpan.FromMinutes(5))).IsEqualTo(0).Because("idle for less than the age");
        await Assert.That(store.Sealed.List().Count()).IsEqualTo(0);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Assert.That(store.SealIdleFor(TimeSpan.FromMinutes(5))).IsEqualTo(1);
        await Assert.That(store.Sealed.List().Count()).IsEqualTo(1);
        await Assert.That(store.SealIdleFor(TimeSpan.Zero)).IsEqualTo(0).Because("an empty open pack is never sealed");
        await AssertReadable(store, database, [blob]);
    }

    private static PackStore Open(DataDirectory data, CatalogueDatabase database) =>
        new(data, database, Time, NullLogger<PackStore>.Instance, maxOpenPacks: 2);

    /// <summary>What the upload endpoint does for one blob: append, fsync, index, commit.</summary>
    private static async Task Store(PackStore store, CatalogueDatabase database, byte[] blob)
    {
        var pack = await store.RentAsync(CancellationToken.None);
        try
        {
            pack.Append(BlobType.Data, BlobId.Compute(blob), blob);
            pack.FlushToDisk();
            using var connection = database.Connect();
            using var transaction = connection.BeginTransaction();
            BlobIndex.Insert(connection, transaction, pack.Id, pack.Pending.ToList());
            transaction.Commit();
            pack.Commit();
        }
        finally
        {
            store.Return(pack);
        }
    }

    /// <summary>Every blob is indexed and reads back byte for byte.</summary>
    internal static async Task AssertReadable(PackStore store, CatalogueDatabase database, IReadOnlyList<byte[]> blobs)
    {
        using var connection = database.Connect();
        foreach (var blob in blobs)
        {
            var location = BlobIndex.Find(connection, BlobId.Compute(blob));
            await Assert.That(location).IsNotNull();
            var read = new byte[location!.Value.Length];
            store.Read(location.Value, read);
            await Assert.That(read.AsSpan().SequenceEqual(blob)).IsTrue();
        }
    }
}
