using Microsoft.Playwright;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.Browser.Tests.Support;

/// <summary>
/// Saves each main page at laptop (1366×768) and phone (390×844) size under <c>artifacts/screenshots/</c>, and
/// fails when a page scrolls sideways at either size or the browser's console shows an error (e.g. a CSP violation).
/// </summary>
public static class Screenshots
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Tools.RepositoryRoot, "artifacts", "screenshots")).FullName;

    public static async Task TakeAsync(IPage page, string name)
    {
        foreach (var (size, viewport) in new[] { ("laptop", Chromium.Laptop), ("phone", Chromium.Phone) })
        {
            await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Directory, $"{name}-{size}.png"), FullPage = true });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            await Assert.That(overflow).IsLessThanOrEqualTo(0).Because($"{name} scrolls sideways by {overflow}px at {size} size");
        }
        await page.SetViewportSizeAsync(Chromium.Laptop.Width, Chromium.Laptop.Height);
        await Assert.That(Chromium.ErrorsOf(page.Context)).IsEmpty().Because($"{name}: the browser console shows errors");
    }
}
