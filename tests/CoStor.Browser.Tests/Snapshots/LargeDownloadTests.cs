using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using CoStor.Browser.Tests.Support;
using CoStor.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Snapshots;

/// <summary>
/// A sparse file over 4 GiB downloaded through the web UI, as a person restores a folder: the folder's .zip (zip64
/// sizes) and .tar (a PAX size) both hold the file with content identical by hash. Slow (two 4.1 GiB downloads
/// written and hashed back); the CLI's flat memory for the same archives is in LargeArchiveTests.
/// </summary>
public class LargeDownloadTests
{
    private const long Size = (4L << 30) + (100L << 20);

    [Test]
    [Category("Slow")]
    public async Task A_folder_with_a_file_over_4_GiB_downloads_as_zip64_and_pax_tar()
    {
        await using var appliance = await UiAppliance.StartAsync();
        var source = appliance.Temp.Sub("big");
        Directory.CreateDirectory(source);
        var path = Path.Combine(source, "disk.img");
        SparseSource.Write(path, Size, seed: 23);
        string expected;
        await using (var original = File.OpenRead(path))
            expected = Convert.ToHexString(await SHA256.HashDataAsync(original));
        var state = await appliance.Process.EnrolAsync(appliance.Temp.Sub("pc"), "server-room");
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);

        await page.GotoAsync(appliance.Url + "/agents");
        await page.GetByRole(AriaRole.Link, new() { Name = "server-room" }).ClickAsync();
        await page.Locator("table tbody tr a").First.ClickAsync();
        foreach (var directory in source.Trim('/').Split('/'))
            await page.GetByRole(AriaRole.Link, new() { Name = $"{directory}/", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("ol.path li[aria-current]")).ToHaveTextAsync("big");

        var zip = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = ".zip" }).ClickAsync(), new() { Timeout = 600_000 });
        var zipPath = (await zip.PathAsync())!;
        using (var archive = ZipFile.OpenRead(zipPath))
        {
            var entry = archive.GetEntry("big/disk.img")!;
            await Assert.That(entry.Length).IsEqualTo(Size).Because("zip64 sizes");
            await using var data = entry.Open();
            await Assert.That(Convert.ToHexString(await SHA256.HashDataAsync(data))).IsEqualTo(expected);
        }
        await zip.DeleteAsync();

        var tar = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = ".tar", Exact = true }).ClickAsync(), new() { Timeout = 600_000 });
        await using (var stream = File.OpenRead((await tar.PathAsync())!))
        {
            using var reader = new TarReader(stream);
            TarEntry? file = null;
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.Name == "big/disk.img")
                {
                    file = entry;
                    break;
                }
            }
            await Assert.That(file).IsNotNull();
            await Assert.That(file!.Length).IsEqualTo(Size).Because("a PAX size record");
            await Assert.That(Convert.ToHexString(await SHA256.HashDataAsync(file.DataStream!))).IsEqualTo(expected);
        }
        await tar.DeleteAsync();
    }
}
