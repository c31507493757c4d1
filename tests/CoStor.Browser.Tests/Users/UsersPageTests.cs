using CoStor.Browser.Tests.Support;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Users;

/// <summary>Admins add people and grant restorers PCs; a restorer sees only what was granted, even by guessing URLs.</summary>
public class UsersPageTests
{
    [Test]
    public async Task A_restorer_sees_only_the_pc_granted_to_them_even_by_url()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await appliance.Process.EnrolAsync(appliance.Temp.Sub("granted"), "library-1");
        var hiddenState = await appliance.Process.EnrolAsync(appliance.Temp.Sub("hidden"), "head-office");
        await using var adminContext = await Chromium.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await appliance.SetUpAsync(admin);

        await admin.GotoAsync(appliance.Url + "/users");
        await admin.GetByLabel("User name").FillAsync("rita");
        await admin.GetByLabel("Role").SelectOptionAsync("restorer");
        await admin.GetByLabel("Password (at least").FillAsync("rita's long password");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("rita was added.");
        await Screenshots.TakeAsync(admin, "users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "rita" }).ClickAsync();
        await admin.GetByLabel("Grant a PC or a group").SelectOptionAsync(new SelectOptionValue { Label = "PC: library-1" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Grant", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Granted.");
        await Screenshots.TakeAsync(admin, "user");

        await using var ritaContext = await Chromium.NewContextAsync();
        var rita = await ritaContext.NewPageAsync();
        await appliance.SignInAsync(rita, "rita", "rita's long password");
        await rita.GotoAsync(appliance.Url + "/agents");
        await Assertions.Expect(rita.Locator("#agent-list tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(rita.Locator("#agent-list")).ToContainTextAsync("library-1");
        await Assertions.Expect(rita.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await Assertions.Expect(rita.GetByRole(AriaRole.Button, new() { Name = "Create enrolment token" })).ToHaveCountAsync(0);

        var hiddenId = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(hiddenState, "agent.json"))).RootElement.GetProperty("agentId").GetString();
        var guessed = await rita.GotoAsync($"{appliance.Url}/agents/{hiddenId}");
        await Assert.That(guessed!.Status).IsEqualTo(404);
        var forbidden = await rita.GotoAsync(appliance.Url + "/users");
        await Assert.That(forbidden!.Status).IsEqualTo(403);
    }

    [Test]
    public async Task Signing_a_person_out_everywhere_then_disabling_them_takes_effect_at_once()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var adminContext = await Chromium.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await appliance.SetUpAsync(admin);
        await admin.GotoAsync(appliance.Url + "/users");
        await admin.GetByLabel("User name").FillAsync("otto");
        await admin.GetByLabel("Role").SelectOptionAsync("operator");
        await admin.GetByLabel("Password (at least").FillAsync("otto's long password");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add person" }).ClickAsync();
        await using var ottoContext = await Chromium.NewContextAsync();
        var otto = await ottoContext.NewPageAsync();
        await appliance.SignInAsync(otto, "otto", "otto's long password");
        await Assertions.Expect(otto.Locator("h1")).ToHaveTextAsync("Dashboard");

        await admin.GotoAsync(appliance.Url + "/users/otto");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Sign otto out everywhere" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Signed out everywhere.");
        await otto.GotoAsync(appliance.Url + "/agents");
        await Assert.That(otto.Url).StartsWith(appliance.Url + "/login");
        await appliance.SignInAsync(otto, "otto", "otto's long password");
        await Assertions.Expect(otto.Locator("h1")).ToHaveTextAsync("Dashboard");

        await admin.GetByRole(AriaRole.Button, new() { Name = "Disable otto" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("Disabled and signed out.");

        await otto.GotoAsync(appliance.Url + "/agents");
        await Assert.That(otto.Url).StartsWith(appliance.Url + "/login");
        await appliance.SignInAsync(otto, "otto", "otto's long password");
        await Assertions.Expect(otto.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong user name or password.");
    }
}
