using System.Security.Cryptography;
using CoStor.Appliance.Archive;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using Microsoft.AspNetCore.Builder;
using static CoStor.Appliance.Tests.Replication.Engine.EngineSites;

namespace CoStor.Appliance.Tests.Replication.Engine;

/// <summary>
/// Local self-heal: a sealed pack missing on disk, or damaged inside a data chunk (found by its authenticated
/// decryption) or a tree (found by its hash), is quarantined, fetched back from a peer, and the archive is unchanged.
/// </summary>
[NotInParallel(nameof(ReplicationEngineTests))]
public class SelfHealTests
{
    [Test]
    [Arguments(null)]
    [Arguments(BlobType.Data)]
    [Arguments(BlobType.Tree)]
    public async Task A_damaged_or_deleted_local_pack_is_fetched_back_and_the_archive_matches(BlobType? damaged)
    {
        var corrupt = damaged is not null;
        await using var sites = await StartAsync(["north", "south"], 2);
        var north = sites["north"];
        var snapshot = await HostSnapshot.CommitAsync(north, RandomNumberGenerator.GetBytes(300_000));
        Get<PackStore>(north).SealIdle();
        await PullAsync(sites["south"]);
        var expected = await ArchiveAsync(north, snapshot);
        var pack = Get<PackStore>(north).Sealed.List().Single().ToString();
        var path = OwnPath(north, pack);
        var good = await File.ReadAllBytesAsync(path);
        if (corrupt)
        {
            var bad = (byte[])good.Clone();
            bad[MiddleOfFirst(north, damaged!.Value)] ^= 1;
            await File.WriteAllBytesAsync(path, bad);
        }
        else
            File.Delete(path);

        var healed = await ArchiveAsync(north, snapshot);

        await Assert.That(healed).IsEquivalentTo(expected);
        await Assert.That(await File.ReadAllBytesAsync(path)).IsEquivalentTo(good);
        await Assert.That(Directory.EnumerateFiles(Data(north).QuarantinePath).Count()).IsEqualTo(corrupt ? 1 : 0);
        using var connection = Get<CatalogueDatabase>(north).Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM audit_log WHERE action = 'pack.repaired'";
        await Assert.That(Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)).IsEqualTo(1);
    }

    /// <summary>The pack offset of the middle byte of the first blob of <paramref name="type"/> (the test's one pack holds them all).</summary>
    private static long MiddleOfFirst(WebApplication app, BlobType type)
    {
        using var connection = Get<CatalogueDatabase>(app).Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT offset + length / 2 FROM blobs WHERE type = $type ORDER BY offset LIMIT 1";
        command.Parameters.AddWithValue("$type", (int)type);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<byte[]> ArchiveAsync(WebApplication app, string snapshot)
    {
        var job = Get<RestoreArchive>(app).Prepare(new Viewer("test", null), snapshot, BrowsePath.Root, ArchiveFormat.Tar)!;
        using var output = new MemoryStream();
        await job.WriteToAsync(output, CancellationToken.None);
        return output.ToArray();
    }
}
