using System.Security.Cryptography;
using System.Text;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Site;
using CoStor.Core.Trees;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Browse;

/// <summary>
/// The snapshot browser on a real agent's snapshot, read from a serving appliance's data directory in-process (as the
/// CLI verbs read it): directories page in name order, a file downloads byte for byte.
/// </summary>
public class BrowseTests
{
    private static readonly Viewer Admin = new("e2e", null);

    [Test]
    public async Task Directories_page_and_files_download_byte_for_byte_beside_a_serving_appliance()
    {
        using var temp = new TempDirectory();
        await using var tree = await BackedUpTree.CreateAsync(temp);
        var (appliance, source, snapshot) = (tree.Appliance, tree.Source, tree.Snapshot);
        var browser = SiteReaders.Open(new DataDirectory(appliance.DataDir), TimeProvider.System).Browser;
        var folder = BrowsePath.Parse(source);

        var names = new List<string>();
        string? cursor = null;
        do
        {
            var page = browser.ListDirectory(Admin, snapshot, folder, cursor, 4)!;
            await Assert.That(page.Entries.Count).IsLessThanOrEqualTo(4);
            names.AddRange(page.Entries.Select(e => e.Path.ToString()));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        var expected = CoStor.Agent.FileSystem.Posix.ListDirectory(Encoding.UTF8.GetBytes(source));
        expected.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        await Assert.That(string.Join('\n', names)).IsEqualTo(string.Join('\n', expected.Select(n => folder.Child(n).ToString())));

        foreach (var file in new[] { "random-9MiB.bin", "log.txt", "f%FF%FE.b", "sparse.img" })
        {
            await using var content = browser.OpenFile(Admin, snapshot, BrowsePath.Parse($"{source}/{file}"))!;
            BrowsePath.TryDecodeName(file, out var raw);
            using var original = CoStor.Agent.FileSystem.Posix.OpenRead(TreeManifest.Join(Encoding.UTF8.GetBytes(source), raw));
            await using var originalStream = new FileStream(original, FileAccess.Read);
            await Assert.That(Convert.ToHexString(await SHA256.HashDataAsync(content))).IsEqualTo(Convert.ToHexString(await SHA256.HashDataAsync(originalStream))).Because(file);
        }
        var link = browser.Stat(Admin, snapshot, BrowsePath.Parse($"{source}/link-to-small"))!;
        await Assert.That(link.Type).IsEqualTo(NodeType.Symlink);
        await Assert.That(link.DisplayLinkTarget).IsEqualTo("small.txt");
        await Assert.That(browser.Search(Admin, snapshot, folder, "BOTTOM")!.Hits.Single().Path.ToString()).EndsWith("/d39/bottom.txt");
    }
}
