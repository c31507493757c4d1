using CoStor.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Login;

/// <summary>First-run setup, sign-in, lockout and sign-out, as a person does them in the browser.</summary>
public class SignInTests
{
    [Test]
    public async Task The_setup_link_creates_the_first_admin_once_and_signs_them_in()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(appliance.SetupLink);
        var headers = await response!.AllHeadersAsync();
        await Assert.That(headers["content-security-policy"]).Contains("script-src 'self'");
        await Assert.That(headers["content-security-policy"]).Contains("frame-ancestors 'none'");
        await Assert.That(headers["content-security-policy"]).DoesNotContain("unsafe-inline");
        await Assert.That(headers["referrer-policy"]).IsEqualTo("no-referrer");
        await Assert.That(headers["x-content-type-options"]).IsEqualTo("nosniff");
        await Screenshots.TakeAsync(page, "setup");
        await appliance.SetUpAsync(page);

        await Assert.That(await page.Locator("h1").InnerTextAsync()).IsEqualTo("Dashboard");
        await Assert.That(await page.Locator(".who").InnerTextAsync()).Contains(UiAppliance.AdminName);
        await page.GotoAsync(appliance.SetupLink);
        await Assert.That(await page.Locator("h1").InnerTextAsync()).IsEqualTo("Already set up");
    }

    [Test]
    public async Task A_page_asked_for_before_sign_in_opens_after_it()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.GotoAsync(appliance.Url + "/");
        await Assert.That(page.Url).StartsWith(appliance.Url + "/login?return=");
        await Screenshots.TakeAsync(page, "login");
        await page.GetByLabel("User name").FillAsync(UiAppliance.AdminName);
        await page.GetByLabel("Password").FillAsync(UiAppliance.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(appliance.Url + "/", new() { Timeout = 90_000 });
        await Assert.That(await page.Locator("h1").InnerTextAsync()).IsEqualTo("Dashboard");
    }

    [Test]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        for (var i = 0; i < 5; i++)
        {
            await appliance.SignInAsync(page, UiAppliance.AdminName, "not the password " + i);
            await Assert.That(await page.GetByRole(AriaRole.Alert).InnerTextAsync()).IsEqualTo("Wrong user name or password.");
        }
        await appliance.SignInAsync(page, UiAppliance.AdminName, UiAppliance.AdminPassword);
        await Assert.That(await page.GetByRole(AriaRole.Alert).InnerTextAsync()).StartsWith("Too many failed sign-ins.");
        await Assert.That(page.Url).IsEqualTo(appliance.Url + "/login");
    }

    [Test]
    public async Task Twenty_failures_from_one_address_lock_that_address_for_every_name()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        // Four tries for each of five names: no account reaches its own limit of five, the address reaches twenty.
        for (var i = 0; i < 20; i++)
            await appliance.SignInAsync(page, $"guess{i % 5}", "not a password");
        await appliance.SignInAsync(page, UiAppliance.AdminName, UiAppliance.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many failed sign-ins.");
    }

    [Test]
    public async Task Signing_out_ends_the_session_on_the_appliance_not_just_in_the_browser()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);
        var cookie = (await context.CookiesAsync()).Single(c => c.Name == "__Host-costor-session");
        await Assert.That(cookie.HttpOnly).IsTrue();
        await Assert.That(cookie.Secure).IsTrue();
        await Assert.That(cookie.SameSite).IsEqualTo(SameSiteAttribute.Strict);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await using var replay = await Chromium.NewContextAsync();
        await replay.AddCookiesAsync([new Cookie { Name = cookie.Name, Value = cookie.Value, Url = appliance.Url + "/", Secure = true }]);
        var replayed = await replay.NewPageAsync();
        await replayed.GotoAsync(appliance.Url + "/");
        await Assert.That(replayed.Url).StartsWith(appliance.Url + "/login");
    }
}
