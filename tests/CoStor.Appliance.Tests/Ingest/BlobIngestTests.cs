using System.Security.Cryptography;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Ingest;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Tests.Ingest;

/// <summary>The upload service on real files and a real catalogue, without HTTP.</summary>
public class BlobIngestTests
{
    [Test]
    public async Task A_blob_another_agent_holds_is_reported_like_a_new_one_and_its_bytes_are_written_and_fsynced()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var (alice, bob) = (site.Agent("alice"), site.Agent("bob"));
        var held = RandomNumberGenerator.GetBytes(70_000);
        var fresh = RandomNumberGenerator.GetBytes(70_000);
        await site.Ingest.IngestAsync(alice, Body(held), CancellationToken.None);
        var packBytes = PackBytes(site.Data);

        var heldResult = await site.Ingest.IngestAsync(bob, Body(held), CancellationToken.None);
        var shadowBytes = Directory.EnumerateFiles(site.Data.ShadowPath).Sum(f => new FileInfo(f).Length);
        var freshResult = await site.Ingest.IngestAsync(bob, Body(fresh), CancellationToken.None);

        await Assert.That(heldResult).IsEqualTo(new UploadResult(1, 1, 0, 70_000));
        await Assert.That(freshResult).IsEqualTo(heldResult);
        await Assert.That(shadowBytes).IsEqualTo(70_000);
        await Assert.That(PackBytes(site.Data) - packBytes).IsEqualTo(FrameHeader.Length + 70_000L); // only the fresh one
        using var connection = site.Database.Connect();
        await Assert.That(BlobIndex.NotOwned(connection, bob, [BlobId.Compute(held), BlobId.Compute(fresh)])).IsEmpty();
    }

    [Test]
    public async Task Only_blobs_the_agent_uploaded_before_or_repeats_count_as_known()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var a = RandomNumberGenerator.GetBytes(1000);
        var b = RandomNumberGenerator.GetBytes(2000);
        await Assert.That(await site.Ingest.IngestAsync(agent, Body(a, a), CancellationToken.None)).IsEqualTo(new UploadResult(2, 1, 1, 2000));
        await Assert.That(await site.Ingest.IngestAsync(agent, Body(a, b), CancellationToken.None)).IsEqualTo(new UploadResult(2, 1, 1, 3000));
    }

    [Test]
    public async Task A_refused_upload_stores_and_owns_nothing()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var good = RandomNumberGenerator.GetBytes(1000);
        var snapshot = RandomNumberGenerator.GetBytes(100);
        var body = new MemoryStream([.. Frame(BlobType.Data, good), .. Frame(BlobType.Snapshot, snapshot)]);
        var refused = await Assert.ThrowsAsync<IngestRefusedException>(() => site.Ingest.IngestAsync(agent, body, CancellationToken.None));
        await Assert.That(refused!.Message).Contains("may not upload snapshot blobs");

        var lying = Frame(BlobType.Data, good);
        lying[^1] ^= 1;
        await Assert.ThrowsAsync<InvalidFrameException>(() => site.Ingest.IngestAsync(agent, new MemoryStream(lying), CancellationToken.None));

        using var connection = site.Database.Connect();
        await Assert.That(BlobIndex.Find(connection, BlobId.Compute(good))).IsNull();
        await Assert.That(BlobIndex.NotOwned(connection, agent, [BlobId.Compute(good)]).Count).IsEqualTo(1);
    }

    /// <summary>A body of more tiny frames than an upload may hold is refused at the first one over, storing nothing.</summary>
    [Test]
    public async Task An_upload_of_more_frames_than_the_limit_is_refused_and_stores_nothing()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var blobs = Enumerable.Range(0, ProtocolLimits.MaxUploadFrames + 1).Select(i => BitConverter.GetBytes(i)).ToArray();

        var refused = await Assert.ThrowsAsync<IngestRefusedException>(() => site.Ingest.IngestAsync(agent, Body(blobs), CancellationToken.None));

        await Assert.That(refused!.Message).Contains($"at most {ProtocolLimits.MaxUploadFrames} blobs");
        using var connection = site.Database.Connect();
        await Assert.That(BlobIndex.Find(connection, BlobId.Compute(blobs[0]))).IsNull();
        await Assert.That(PackBytes(site.Data)).IsLessThanOrEqualTo(CoStor.Core.Packs.PackFormat.HeaderLength + 0L);
    }

    private static MemoryStream Body(params byte[][] blobs) => new([.. blobs.SelectMany(b => Frame(BlobType.Data, b))]);

    private static byte[] Frame(BlobType type, byte[] blob) => TestSite.Frame(type, blob);

    private static long PackBytes(DataDirectory data) =>
        Directory.EnumerateFiles(data.Root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".open", StringComparison.Ordinal) || f.EndsWith(".pack", StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);
}
