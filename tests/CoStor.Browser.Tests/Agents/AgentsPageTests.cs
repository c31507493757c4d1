using CoStor.Browser.Tests.Support;
using CoStor.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Agents;

/// <summary>The PCs page: a token made in the browser enrols a real agent, which then shows in the list.</summary>
public class AgentsPageTests
{
    [Test]
    public async Task A_token_created_in_the_browser_enrols_a_pc_with_the_command_it_shows()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "PCs" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create enrolment token" }).ClickAsync();
        var command = (await page.Locator("#token-command").InnerTextAsync()).Trim();
        await Assert.That(command).StartsWith($"costor-agent enrol --appliance {appliance.Url} --token cst_");
        await Screenshots.TakeAsync(page, "agents-token");

        // The command as shown, plus where this test keeps the agent's state and its name.
        var arguments = command["costor-agent ".Length..].Split(' ');
        var enrol = await Tools.AgentAsync([.. arguments, "--state", appliance.Temp.Sub("pc1"), "--name", "room-12-pc-1"]);
        await Assert.That(enrol.ExitCode).IsEqualTo(0).Because(enrol.ToString());

        await page.GotoAsync(appliance.Url + "/agents");
        await Assert.That(await page.Locator("#agent-list").InnerTextAsync()).Contains("room-12-pc-1");
        await Screenshots.TakeAsync(page, "agents");
    }

    [Test]
    public async Task Search_narrows_the_list_as_you_type_and_works_without_javascript()
    {
        await using var appliance = await UiAppliance.StartAsync();
        foreach (var name in new[] { "library-1", "library-2", "office" })
            await appliance.Process.EnrolAsync(appliance.Temp.Sub(name), name);
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);
        await page.GotoAsync(appliance.Url + "/agents");

        await page.GetByLabel("Search PCs").FillAsync("libr");
        await Assertions.Expect(page.Locator("#agent-list tbody tr")).ToHaveCountAsync(2);
        await Assert.That(page.Url).Contains("q=libr");

        await using var noScript = await Chromium.NewContextAsync(javaScript: false);
        var plain = await noScript.NewPageAsync();
        await appliance.SignInAsync(plain, UiAppliance.AdminName, UiAppliance.AdminPassword);
        await plain.GotoAsync(appliance.Url + "/agents?q=office");
        await Assert.That(await plain.Locator("#agent-list tbody tr").CountAsync()).IsEqualTo(1);
    }

    [Test]
    public async Task Revoking_a_pc_in_the_browser_refuses_its_next_backup_and_keeps_its_snapshots()
    {
        await using var appliance = await UiAppliance.StartAsync();
        var state = await appliance.Process.EnrolAsync(appliance.Temp.Sub("pc"), "lost-laptop");
        var source = await appliance.Temp.SourceWithAsync("report.txt", "term report"u8.ToArray());
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);

        await page.GotoAsync(appliance.Url + "/agents");
        await page.GetByRole(AriaRole.Link, new() { Name = "lost-laptop" }).ClickAsync();
        await Assert.That(page.Locator("table tbody tr")).IsNotNull();
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "agent");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke lost-laptop" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("This PC is revoked");

        var refused = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(refused.ExitCode).IsEqualTo(1);
        await Assert.That(refused.Stderr).Contains("revoked");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("table tbody tr")).ToHaveCountAsync(1);
    }

    [Test]
    public async Task An_operator_renames_and_groups_a_pc_and_a_bad_interval_changes_nothing()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await appliance.Process.EnrolAsync(appliance.Temp.Sub("pc"), "DESKTOP-4F7Q2");
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);
        await page.GotoAsync(appliance.Url + "/agents");
        await page.GetByRole(AriaRole.Link, new() { Name = "DESKTOP-4F7Q2" }).ClickAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Library <desk> 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rename" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Renamed.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Library <desk> 1");
        await page.GetByLabel("or a new group").FillAsync("Library");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set group" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Group changed.");
        await Assertions.Expect(page.GetByLabel("Group", new() { Exact = true })).ToHaveValueAsync("Library");

        await page.GetByLabel("Expected backup interval (hours)").EvaluateAsync("input => { input.removeAttribute('min'); input.value = '0'; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set interval" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("whole number of hours");
        await Assertions.Expect(page.GetByLabel("Expected backup interval (hours)")).ToHaveValueAsync("24");
        await page.GotoAsync(appliance.Url + "/agents");
        await Assertions.Expect(page.Locator("#agent-list")).ToContainTextAsync("Library");
    }
}
