using System.IO.Compression;
using CoStor.Appliance.Archive;
using CoStor.Browser.Tests.Support;
using CoStor.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Sites;

/// <summary>
/// Remote restore in the UI: site A's backup is held by box B (its files placed in B's <c>peers/e2e/</c> as replication
/// leaves them); B's admin unlocks A with A's recovery key, browses to the backed-up folder and downloads it as a zip
/// that matches the source byte for byte.
/// </summary>
public class RemoteRestoreTests
{
    [Test]
    public async Task An_admin_unlocks_a_peer_site_browses_it_and_downloads_a_folder()
    {
        await using var appliance = await UiAppliance.StartAsync();
        var source = appliance.Temp.Sub("src");
        TreeGenerator.Build(source);
        string recovery;
        await using (var owner = await ApplianceProcess.StartAsync(appliance.Temp.Sub("a")))
        {
            recovery = PeerFiles.RecoveryKeyOf(owner);
            var state = await owner.EnrolAsync(appliance.Temp.Sub("pc"), "library");
            var backup = await Tools.AgentAsync("backup", "--state", state, source);
            await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
            await PeerFiles.PlaceAsync(owner, Path.Combine(appliance.Process.DataDir, "peers", "e2e"));
        }
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Sites" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-e2e .badge")).ToHaveTextAsync("locked");
        await Screenshots.TakeAsync(page, "sites");
        await page.GetByLabel("Recovery key of e2e").FillAsync("0000-not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not a recovery key");
        await page.GetByLabel("Recovery key of e2e").FillAsync(recovery);
        await page.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("e2e is unlocked");
        await Screenshots.TakeAsync(page, "sites-unlocked");

        await page.GetByRole(AriaRole.Link, new() { Name = "Browse its PCs" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-e2e, h2.name").First).ToContainTextAsync("library");
        await page.Locator("table tbody tr a").First.ClickAsync();
        await Assert.That(page.Url).Contains("/sites/e2e/snapshots/");
        foreach (var directory in source.Trim('/').Split('/'))
            await page.GetByRole(AriaRole.Link, new() { Name = $"{directory}/", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.path li[aria-current]")).ToHaveTextAsync("src");
        await Screenshots.TakeAsync(page, "site-snapshot-folder");

        var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = ".zip" }).ClickAsync());
        using (var archive = ZipFile.OpenRead((await zip.PathAsync())!))
            await Assert.That(string.Join('\n', ArchiveManifest.OfZip(archive))).IsEqualTo(string.Join('\n', ArchiveManifest.OfSource(source, "src", ArchiveFormat.Zip)));

        await page.GotoAsync(appliance.Url + "/sites");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lock e2e" }).ClickAsync();
        await Assertions.Expect(page.Locator("#site-e2e .badge")).ToHaveTextAsync("locked");
        var response = await page.GotoAsync(appliance.Url + "/sites/e2e/agents");
        await Assert.That(response!.Status).IsEqualTo(404);

        await page.GotoAsync(appliance.Url + "/audit");
        foreach (var action in new[] { "site.unlock", "site.lock", "archive.download" })
            await Assertions.Expect(page.Locator("tbody tr").Filter(new() { Has = page.Locator($"code:text-is('{action}')") }).First).ToContainTextAsync("127.0.0.1");
    }
}
