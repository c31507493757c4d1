using System.IO.Compression;
using CoStor.Appliance.Archive;
using CoStor.Browser.Tests.Support;
using CoStor.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Snapshots;

/// <summary>
/// A person browses a real agent's snapshot down to a folder, downloads a file and the folder as zip and tar, and each
/// download matches the source byte for byte (TreeGenerator's awkward names: spaces, non-UTF-8 bytes, symlinks,
/// hardlinks). A file named like markup shows as text.
/// </summary>
public class SnapshotBrowserTests
{
    private const string MarkupName = "<img src=x onerror=alert(1)>.txt";

    [Test]
    public async Task Browse_to_a_folder_download_a_file_and_the_folder_as_zip_and_tar()
    {
        await using var appliance = await UiAppliance.StartAsync();
        var source = appliance.Temp.Sub("src");
        TreeGenerator.Build(source);
        var markupContent = "not markup, a file"u8.ToArray();
        await File.WriteAllBytesAsync(Path.Combine(source, MarkupName), markupContent);
        var state = await appliance.Process.EnrolAsync(appliance.Temp.Sub("pc"), "art-room");
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => throw new InvalidOperationException("a page ran script from a file name: " + dialog.Message);
        await appliance.SetUpAsync(page);

        await page.GotoAsync(appliance.Url + "/agents");
        await page.GetByRole(AriaRole.Link, new() { Name = "art-room" }).ClickAsync();
        await page.Locator("table tbody tr a").First.ClickAsync();
        foreach (var directory in source.Trim('/').Split('/'))
            await page.GetByRole(AriaRole.Link, new() { Name = $"{directory}/", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.path li[aria-current]")).ToHaveTextAsync("src");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = MarkupName, Exact = true })).ToHaveCountAsync(1);
        await Assert.That(await page.Locator("main img").CountAsync()).IsEqualTo(0);
        await Screenshots.TakeAsync(page, "snapshot-folder");

        await page.GetByRole(AriaRole.Link, new() { Name = MarkupName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(MarkupName);
        await Screenshots.TakeAsync(page, "snapshot-file");
        var file = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download this file" }).ClickAsync());
        await Assert.That((await File.ReadAllBytesAsync((await file.PathAsync())!)).SequenceEqual(markupContent)).IsTrue();
        await page.GoBackAsync();

        var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = ".zip" }).ClickAsync());
        await Assert.That(zip.SuggestedFilename).EndsWith(".zip");
        using (var archive = ZipFile.OpenRead((await zip.PathAsync())!))
            await Assert.That(string.Join('\n', ArchiveManifest.OfZip(archive))).IsEqualTo(string.Join('\n', ArchiveManifest.OfSource(source, "src", ArchiveFormat.Zip)));
        var tar = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = ".tar", Exact = true }).ClickAsync());
        await using (var stream = File.OpenRead((await tar.PathAsync())!))
            await Assert.That(string.Join('\n', ArchiveManifest.OfTar(stream, gzip: false))).IsEqualTo(string.Join('\n', ArchiveManifest.OfSource(source, "src", ArchiveFormat.Tar)));

        // Each browse and download is in the audit log: who, what, from where.
        await page.GotoAsync(appliance.Url + "/audit");
        foreach (var (action, count) in new[] { ("file.download", 1), ("archive.download", 2) })
        {
            var rows = page.Locator("tbody tr").Filter(new() { Has = page.Locator($"code:text-is('{action}')") });
            await Assertions.Expect(rows).ToHaveCountAsync(count);
            await Assertions.Expect(rows.First).ToContainTextAsync("127.0.0.1");
        }
        await Assert.That(await page.Locator("tbody tr").Filter(new() { Has = page.Locator("code:text-is('snapshot.browse')") }).CountAsync()).IsGreaterThanOrEqualTo(4);
    }
}
