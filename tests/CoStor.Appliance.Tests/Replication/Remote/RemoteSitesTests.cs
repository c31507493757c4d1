using System.IO.Compression;
using CoStor.Appliance.Archive;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Tests.Replication.Checkpoint;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Errors;
using CoStor.Core.Keys;

namespace CoStor.Appliance.Tests.Replication.Remote;

/// <summary>Box B unlocks peer site A ("school") held in its <c>peers/school/</c> and reads it as A reads itself.</summary>
public class RemoteSitesTests
{
    private static readonly Viewer Admin = new("ann", null, "192.0.2.7");

    private sealed class Boxes : IDisposable
    {
        private readonly ScratchDirectory _scratch = new();

        public required CheckpointSite A { get; init; }
        public TestSite B { get; }
        public AuditLog Audit { get; }
        public RemoteSites Remote { get; }

        public Boxes()
        {
            B = new TestSite(Path.Combine(_scratch.Path, "b"));
            Audit = new AuditLog(B.Database, TestSite.Clock);
            Remote = new RemoteSites(B.Data, Audit, new NoPeerPackFetcher(), TestSite.Clock);
        }

        public static async Task<Boxes> CreateAsync(Func<string, bool>? keepPack = null)
        {
            var boxes = new Boxes { A = await CheckpointSite.CreateAsync() };
            boxes.Files = PeerPlacement.Place(boxes.A.Site, boxes.B.Data, keepPack: keepPack);
            return boxes;
        }

        public PeerSiteFiles Files { get; private set; } = null!;

        public void Dispose()
        {
            A.Dispose();
            B.Dispose();
            _scratch.Dispose();
        }
    }

    [Test]
    public async Task An_unlocked_peer_browses_and_archives_byte_for_byte_as_the_site_itself()
    {
        using var boxes = await Boxes.CreateAsync();
        await Assert.That(boxes.Remote.Unlock("school", boxes.A.Site.RecoveryKey, "ann", "192.0.2.7")).IsNull();
        var remote = boxes.Remote.Readers("school")!;
        var own = SiteReaders.Open(boxes.A.Site.Data, TestSite.Clock);

        foreach (var snapshot in boxes.A.Snapshots)
        {
            foreach (var path in new[] { "/", "/docs" })
            {
                var mine = own.Browser.ListDirectory(Admin, snapshot, BrowsePath.Parse(path), null, 100);
                var theirs = remote.Browser.ListDirectory(Admin, snapshot, BrowsePath.Parse(path), null, 100);
                await Assert.That(Listing(theirs)).IsEqualTo(Listing(mine));
            }
            foreach (var format in new[] { ArchiveFormat.Zip, ArchiveFormat.Tar })
            {
                var theirs = await ArchiveAsync(remote.Archive, snapshot, "/", format);
                var mine = await ArchiveAsync(own.Archive, snapshot, "/", format);
                await Assert.That(theirs.AsSpan().SequenceEqual(mine)).IsTrue().Because($"{format} of {snapshot}");
            }
        }
        using var zip = new ZipArchive(new MemoryStream(await ArchiveAsync(remote.Archive, boxes.A.Snapshots[1], "/docs", ArchiveFormat.Zip)));
        var report = new MemoryStream();
        await using (var entry = zip.GetEntry("docs/report.pdf")!.Open())
            await entry.CopyToAsync(report);
        await Assert.That(report.ToArray().SequenceEqual(boxes.A.Report)).IsTrue();

        var audit = boxes.Audit.Recent(50);
        await Assert.That(audit.Any(e => e is { Action: "site.unlock", Target: "school", Actor: "ann", Address: "192.0.2.7", Outcome: AuditOutcome.Ok })).IsTrue();
        await Assert.That(audit.Any(e => e.Action == "archive.download" && e.Target == $"school:{boxes.A.Snapshots[1]}")).IsTrue();
    }

    [Test]
    public async Task A_wrong_recovery_key_is_refused_audited_and_materialises_nothing()
    {
        using var boxes = await Boxes.CreateAsync();

        var refusal = boxes.Remote.Unlock("school", RecoveryKey.Generate(), "ann", "192.0.2.7");

        await Assert.That(refusal).Contains("recovery key does not open");
        await Assert.That(boxes.Remote.IsUnlocked("school")).IsFalse();
        await Assert.That(Directory.Exists(boxes.Files.ViewDirectory)).IsFalse();
        await Assert.That(boxes.Audit.Recent(5).Any(e => e is { Action: "site.unlock", Target: "school", Outcome: AuditOutcome.Failed, Address: "192.0.2.7" })).IsTrue();
    }

    [Test]
    public async Task Another_sites_key_an_unknown_site_and_a_bad_name_are_refused()
    {
        using var boxes = await Boxes.CreateAsync();

        await Assert.That(boxes.Remote.Unlock("school", boxes.B.RecoveryKey, "ann", null)).Contains("recovery key does not open");
        await Assert.That(boxes.Remote.Unlock("north", boxes.A.Site.RecoveryKey, "ann", null)).Contains("no peer site 'north'");
        await Assert.That(boxes.Remote.Unlock("../school", boxes.A.Site.RecoveryKey, "ann", null)).Contains("not a site name");
        await Assert.That(boxes.Remote.List().Select(s => $"{s.Name} {s.Unlocked}")).IsEquivalentTo(["school False"]);
    }

    [Test]
    public async Task A_pack_not_held_cuts_the_archive_short()
    {
        string? dropped = null;
        using var boxes = await Boxes.CreateAsync(name => dropped is not null || (dropped = name) is null);
        await Assert.That(boxes.Remote.Unlock("school", boxes.A.Site.RecoveryKey, "ann", null)).IsNull();
        var remote = boxes.Remote.Readers("school")!;

        var failures = 0;
        foreach (var snapshot in boxes.A.Snapshots)
        {
            try
            {
                await ArchiveAsync(remote.Archive, snapshot, "/", ArchiveFormat.Zip);
            }
            catch (MissingBlobException e)
            {
                await Assert.That(e.Message).Contains(dropped!);
                failures++;
            }
        }
        await Assert.That(failures).IsGreaterThan(0);
    }

    [Test]
    public async Task A_locked_site_can_no_longer_be_browsed_and_unlocking_again_replaces_the_view()
    {
        using var boxes = await Boxes.CreateAsync();
        await Assert.That(boxes.Remote.Unlock("school", boxes.A.Site.RecoveryKey, "ann", null)).IsNull();
        await Assert.That(boxes.Remote.List().Single()).IsEqualTo(new RemoteSiteSummary("school", true, 3, true));

        await Assert.That(File.Exists(boxes.Files.ViewCatalogue)).IsTrue();
        await Assert.That(boxes.Remote.Lock("school", "ann", "192.0.2.7")).IsTrue();

        await Assert.That(File.Exists(boxes.Files.ViewCatalogue)).IsFalse().Because("the view holds the site's catalogue in the clear");
        await Assert.That(boxes.Remote.Readers("school")).IsNull();
        await Assert.That(boxes.Remote.IsUnlocked("school")).IsFalse();
        var last = boxes.Audit.Recent(1).Single();
        await Assert.That($"{last.Action} {last.Target}").IsEqualTo("site.lock school");
        await Assert.That(boxes.Remote.Unlock("school", boxes.A.Site.RecoveryKey, "ann", null)).IsNull();
        await Assert.That(boxes.Remote.Unlock("school", boxes.A.Site.RecoveryKey, "ann", null)).IsNull();
        await Assert.That(boxes.Remote.Readers("school")!.Browser.Find(Admin, boxes.A.Snapshots[0])).IsNotNull();
        await Assert.That(Directory.GetFiles(boxes.Files.ViewDirectory).Select(f => Path.GetFileName(f)!)).IsEquivalentTo(["catalogue.db"]);
    }

    [Test]
    public async Task A_view_left_by_an_earlier_process_is_deleted_at_start_and_the_clis_view_is_left_alone()
    {
        using var boxes = await Boxes.CreateAsync();
        await Assert.That(Directory.Exists(boxes.Files.ViewDirectory)).IsFalse();
        await Assert.That(new RemoteSites(boxes.B.Data, boxes.Audit, new NoPeerPackFetcher(), TestSite.Clock).Lock("school", "ann", null))
            .IsFalse().Because("a site held but never unlocked has no view folder: starting and locking must not fail on it");
        await Assert.That(boxes.Remote.Unlock("school", boxes.A.Site.RecoveryKey, "ann", null)).IsNull();
        File.Copy(boxes.Files.ViewCatalogue, boxes.Files.CliViewCatalogue); // as a CLI unlock leaves it

        var restarted = new RemoteSites(boxes.B.Data, boxes.Audit, new NoPeerPackFetcher(), TestSite.Clock);

        await Assert.That(File.Exists(boxes.Files.ViewCatalogue)).IsFalse();
        await Assert.That(File.Exists(boxes.Files.CliViewCatalogue)).IsTrue();
        await Assert.That(restarted.IsUnlocked("school")).IsFalse();
        await Assert.That(restarted.Lock("school", "ann", null)).IsFalse();
        await Assert.That(File.Exists(boxes.Files.CliViewCatalogue)).IsTrue();
    }

    private static string Listing(DirectoryPage? page) =>
        page is null ? "(none)" : string.Join("\n", page.Entries.Select(e => $"{e.DisplayName} {e.Type} {e.Size} {e.Mode} {e.Mtime}"));

    private static async Task<byte[]> ArchiveAsync(RestoreArchive archives, string snapshot, string path, ArchiveFormat format)
    {
        var job = archives.Prepare(Admin, snapshot, BrowsePath.Parse(path), format) ?? throw new InvalidOperationException($"{path} not in {snapshot}");
        var output = new MemoryStream();
        await job.WriteToAsync(output, CancellationToken.None);
        return output.ToArray();
    }
}
