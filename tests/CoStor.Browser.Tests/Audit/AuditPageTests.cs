using CoStor.Browser.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Audit;

/// <summary>What people did shows in the audit log with who, when, where and how it ended; tampering is detected.</summary>
public class AuditPageTests
{
    static AuditPageTests() => SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());

    [Test]
    public async Task Setup_sign_ins_and_tokens_are_logged_filtered_exported_and_a_tampered_entry_is_found()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await appliance.SignInAsync(page, UiAppliance.AdminName, "a wrong password");
        await appliance.SignInAsync(page, UiAppliance.AdminName, UiAppliance.AdminPassword);
        await page.GotoAsync(appliance.Url + "/agents");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create enrolment token" }).ClickAsync();

        await page.GotoAsync(appliance.Url + "/audit");
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator("code:text-is('setup')") })).ToHaveCountAsync(1);
        var failed = rows.Filter(new() { HasText = "failed" });
        await Assertions.Expect(failed).ToHaveCountAsync(1);
        await Assertions.Expect(failed).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(rows.Filter(new() { Has = page.Locator("code:text-is('token.create')") })).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(page, "audit");

        await page.GetByLabel("Action starts with").FillAsync("login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        await Assert.That(csv.Length).IsEqualTo(3).Because(string.Join('\n', csv));
        await Assert.That(csv.Skip(1).All(line => line.Contains(",login,", StringComparison.Ordinal))).IsTrue();

        await page.GetByRole(AriaRole.Link, new() { Name = "Verify the chain" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The chain is whole");
        using (var catalogue = new SqliteConnection($"Data Source={Path.Combine(appliance.Process.DataDir, "catalogue.db")};Pooling=false"))
        {
            catalogue.Open();
            using var edit = catalogue.CreateCommand();
            edit.CommandText = "UPDATE audit_log SET outcome = 'ok' WHERE outcome = 'failed'";
            await Assert.That(edit.ExecuteNonQuery()).IsEqualTo(1);
        }
        await page.GotoAsync(appliance.Url + "/audit?verify=1");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The chain is broken: entry");
    }
}
