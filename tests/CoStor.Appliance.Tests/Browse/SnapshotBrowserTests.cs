using System.Security.Cryptography;
using System.Text;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Tests.Browse;

/// <summary>Browsing committed snapshots on a real site: pages, details, downloads, versions, search, visibility.</summary>
public class SnapshotBrowserTests
{
    private static readonly Viewer Admin = new("ann", null);

    [Test]
    public async Task A_large_directory_pages_in_name_order_with_stable_cursors()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var maker = new SnapshotMaker(site, agent);
        var names = Enumerable.Range(0, 2500).Select(i => Encoding.UTF8.GetBytes($"file {i:D5}")).Append([0x66, 0xff]).ToList();
        var id = await maker.CommitAsync([maker.Directory("big"u8.ToArray(), names.Select(n => maker.File(n, [])))]);
        var browser = SiteReaders.Open(site.Data, TimeProvider.System).Browser;

        var seen = new List<byte[]>();
        string? cursor = null;
        int pages = 0;
        do
        {
            var page = browser.ListDirectory(Admin, id, BrowsePath.Parse("/big"), cursor, 1000)!;
            await Assert.That(page.Total).IsEqualTo(2501);
            seen.AddRange(page.Entries.Select(e => e.Name));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        await Assert.That(pages).IsEqualTo(3);
        var expected = names.OrderBy(n => n, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();
        await Assert.That(seen.Select(Convert.ToHexString).ToArray()).IsEquivalentTo(expected.Select(Convert.ToHexString).ToArray(), TUnit.Assertions.Enums.CollectionOrdering.Matching);
        var last = browser.ListDirectory(Admin, id, BrowsePath.Parse("/big"), BrowsePath.EncodeName("file 02499"u8), 1000)!;
        await Assert.That(last.Entries.Single().DisplayName).IsEqualTo("f\\xff");
        await Assert.That(last.Entries.Single().Path.ToString()).IsEqualTo("/big/f%FF");
    }

    [Test]
    public async Task A_file_downloads_byte_for_byte_and_is_audited()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var maker = new SnapshotMaker(site, agent);
        var content = RandomNumberGenerator.GetBytes((3 << 20) + 12345);
        var id = await maker.CommitAsync([maker.Directory("docs"u8.ToArray(), [maker.File("report.pdf"u8.ToArray(), content)])]);
        var browser = SiteReaders.Open(site.Data, TimeProvider.System).Browser;

        using (var stream = browser.OpenFile(Admin, id, BrowsePath.Parse("/docs/report.pdf"))!)
        {
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            await Assert.That(copy.ToArray().SequenceEqual(content)).IsTrue();
        }
        var entry = browser.Stat(Admin, id, BrowsePath.Parse("/docs/report.pdf"))!;
        await Assert.That(entry.Size).IsEqualTo(content.Length);
        await Assert.That(entry.Type).IsEqualTo(NodeType.File);
        await Assert.That(entry.Mode).IsEqualTo(0x1a4u);
        var audit = new AuditLog(site.Database, TimeProvider.System).Recent(5);
        await Assert.That(audit.Any(a => a.Actor == "ann" && a.Action == "file.download" && a.Target == id && a.Detail == "/docs/report.pdf")).IsTrue();
    }

    [Test]
    public async Task Absent_snapshots_paths_and_other_agents_snapshots_are_not_found()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var maker = new SnapshotMaker(site, agent);
        var id = await maker.CommitAsync([maker.File("a"u8.ToArray(), "x"u8.ToArray())]);
        var browser = SiteReaders.Open(site.Data, TimeProvider.System).Browser;
        var stranger = new Viewer("bob", new HashSet<string> { "another-agent" });

        await Assert.That(browser.Find(stranger, id)).IsNull();
        await Assert.That(browser.ListDirectory(stranger, id, BrowsePath.Root, null, 10)).IsNull();
        await Assert.That(browser.OpenFile(stranger, id, BrowsePath.Parse("/a"))).IsNull();
        await Assert.That(browser.ListDirectory(Admin, "nosuch", BrowsePath.Root, null, 10)).IsNull();
        await Assert.That(browser.ListDirectory(Admin, id, BrowsePath.Parse("/a"), null, 10)).IsNull().Because("a file is not a directory");
        await Assert.That(browser.OpenFile(Admin, id, BrowsePath.Parse("/missing"))).IsNull();
        await Assert.That(browser.ListDirectory(new Viewer("pc-owner", new HashSet<string> { agent }), id, BrowsePath.Root, null, 10)!.Total).IsEqualTo(1);
    }

    [Test]
    public async Task Versions_list_each_distinct_content_once_and_search_finds_names_breadth_first()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var ids = new List<string>();
        foreach (var text in new[] { "one", "one", "two", "one" })
        {
            var maker = new SnapshotMaker(site, agent);
            ids.Add(await maker.CommitAsync([maker.Directory("d"u8.ToArray(), [maker.File("Notes.TXT"u8.ToArray(), Encoding.UTF8.GetBytes(text))]),
                maker.File("notes-old"u8.ToArray(), [])]));
        }
        var browser = SiteReaders.Open(site.Data, TimeProvider.System).Browser;

        var versions = browser.Versions(Admin, agent, BrowsePath.Parse("/d/Notes.TXT"));
        await Assert.That(versions.Count).IsEqualTo(2);
        // The test site's clock stands still, so snapshots sort by id: which content comes first is not asserted.
        var one = versions.Single(v => v.SnapshotCount == 3);
        var two = versions.Single(v => v.SnapshotCount == 1);
        await Assert.That(new[] { ids[0], ids[1], ids[3] }).Contains(one.SnapshotId);
        await Assert.That(new[] { ids[0], ids[1], ids[3] }).Contains(one.LastSnapshotId);
        await Assert.That(two.SnapshotId).IsEqualTo(ids[2]);
        await Assert.That(two.Size).IsEqualTo(3);
        await Assert.That(one.ContentId).IsNotEqualTo(two.ContentId);

        var found = browser.Search(Admin, ids[0], BrowsePath.Root, "NOTES")!;
        await Assert.That(found.Complete).IsTrue();
        await Assert.That(found.Hits.Select(h => h.Path.ToString()).ToArray()).IsEquivalentTo(new[] { "/notes-old", "/d/Notes.TXT" }, TUnit.Assertions.Enums.CollectionOrdering.Matching);
        var bounded = browser.Search(Admin, ids[0], BrowsePath.Root, "notes", maxResults: 1)!;
        await Assert.That(bounded.Complete).IsFalse();
        await Assert.That(bounded.Hits.Count).IsEqualTo(1);
    }
}
