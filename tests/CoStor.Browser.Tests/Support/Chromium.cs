using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Support;

/// <summary>
/// One headless chromium (Debian's package, <c>/usr/bin/chromium</c>; no browser download) for the whole run; each
/// test opens its own context, so cookies never leak between tests.
/// </summary>
public static class Chromium
{
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 768 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    private static readonly Lazy<Task<IBrowser>> Shared = new(LaunchAsync);

    public static async Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, bool javaScript = true)
    {
        var browser = await Shared.Value;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            IgnoreHTTPSErrors = true, // the appliance's own CA; the agent pins it, a test browser need not
            ViewportSize = viewport ?? Laptop,
            AcceptDownloads = true,
            JavaScriptEnabled = javaScript,
        });
        var errors = ConsoleErrors.GetOrCreateValue(context);
        // A page's own status (a 401 sign-in refusal, a 404 page) is its answer; a failed script, style or image
        // is a fault, as is any other console error (a CSP violation).
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                lock (errors)
                    errors.Add(message.Text);
        };
        context.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
                lock (errors)
                    errors.Add($"{response.Status} for {response.Url}");
        };
        return context;
    }

    /// <summary>Errors the pages of a context wrote to the console (a CSP violation, a failed script) — a page shows none.</summary>
    public static IReadOnlyList<string> ErrorsOf(IBrowserContext context)
    {
        var errors = ConsoleErrors.GetOrCreateValue(context);
        lock (errors)
            return [.. errors];
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowserContext, List<string>> ConsoleErrors = new();

    private static async Task<IBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }
}
