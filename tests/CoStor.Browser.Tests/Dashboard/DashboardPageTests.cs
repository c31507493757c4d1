using CoStor.Browser.Tests.Support;
using CoStor.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Dashboard;

/// <summary>The dashboard shows what a real backup left, draws its pictures, and refreshes itself.</summary>
public class DashboardPageTests
{
    [Test]
    public async Task A_backed_up_pc_shows_its_size_and_a_complete_day_in_its_calendar()
    {
        await using var appliance = await UiAppliance.StartAsync();
        var state = await appliance.Process.EnrolAsync(appliance.Temp.Sub("pc"), "staff-room");
        var source = await appliance.Temp.SourceWithAsync("minutes.txt", new byte[150_000]);
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);

        var row = page.Locator("#dashboard tbody tr", new() { HasText = "staff-room" });
        await Assertions.Expect(row).ToContainTextAsync("150 KB");
        await Assertions.Expect(row.Locator("svg.calendar rect.complete")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("svg.chart polyline.line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".problems")).ToHaveCountAsync(0);
        await Screenshots.TakeAsync(page, "dashboard");

        // htmx polls the same URL; with HX-Request it answers the body fragment alone, and says that it varies.
        await Assertions.Expect(page.Locator("#dashboard")).ToHaveAttributeAsync("hx-trigger", "every 60s");
        var refresh = await context.APIRequest.GetAsync(appliance.Url + "/", new() { Headers = new Dictionary<string, string> { ["HX-Request"] = "true" } });
        await Assert.That(refresh.Status).IsEqualTo(200);
        await Assert.That(await refresh.TextAsync()).StartsWith("<div id=\"dashboard\"");
        await Assert.That(refresh.Headers["vary"]).Contains("HX-Request");
    }
}
