using System.Globalization;
using CoStor.Browser.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Replication;

/// <summary>The replication page and the dashboard's replication warnings, on a real appliance with two peers that cannot be reached.</summary>
public class ReplicationPageTests
{
    static ReplicationPageTests() => SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());

    // Ports nothing listens on: the peers are configured but never reached.
    private const string Config = """
        [[peers]]
        name = "south"
        url = "https://127.0.0.1:9/"
        fingerprint = "1111111111111111111111111111111111111111111111111111111111111111"

        [[peers]]
        name = "east-secondary-school"
        url = "https://127.0.0.1:10/"
        fingerprint = "2222222222222222222222222222222222222222222222222222222222222222"
        """;

    [Test]
    public async Task A_peer_never_reached_or_failing_a_proof_shows_on_the_page_and_as_a_dashboard_warning()
    {
        await using var appliance = await UiAppliance.StartAsync(Config);
        // As if the peers were configured two days ago: east was reached an hour ago (with pulls waiting and a failed
        // proof), south never; two of our packs are two days old, one proven at east.
        var now = DateTimeOffset.UtcNow;
        Edit(appliance, $"""
            UPDATE peer_configured SET since = '{T(now.AddDays(-2))}';
            INSERT INTO peer_status (site, last_success_at, last_error_at, last_error, bytes_received, bytes_behind, packs_behind, updated_at)
            VALUES ('east-secondary-school', '{T(now.AddHours(-1))}', '{T(now.AddHours(-3))}', 'timed out', 0, 900000000, 3, '{T(now)}');
            INSERT INTO peer_packs (site, name, size, state, received_at) VALUES ('east-secondary-school', '{new string('e', 64)}', 300000000, 'held', '{T(now.AddMinutes(-20))}');
            INSERT INTO packs (name, state, size, blob_count, created_at, sealed_at) VALUES
                ('{new string('a', 64)}', 'sealed', 1000, 1, '{T(now.AddDays(-2))}', '{T(now.AddDays(-2))}'),
                ('{new string('b', 64)}', 'sealed', 1000, 1, '{T(now.AddDays(-2))}', '{T(now.AddDays(-2))}');
            INSERT INTO replica_proofs (pack_name, peer, proven_at) VALUES ('{new string('a', 64)}', 'east-secondary-school', '{T(now.AddHours(-2))}');
            INSERT INTO replica_proofs (pack_name, peer, proven_at, failed_at, failure) VALUES ('{new string('b', 64)}', 'south', '{T(now.AddDays(-1))}', '{T(now.AddHours(-2))}', 'no answer: the peer does not hold the pack');
            """);
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);

        var problems = page.Locator(".problems");
        await Assertions.Expect(problems).ToContainTextAsync("Peer south never reached (configured 2 days ago)");
        await Assertions.Expect(problems).ToContainTextAsync("1 pack has fewer than 2 proven copies for over a day");
        await Assertions.Expect(problems).ToContainTextAsync("Peer south failed to prove it holds 1 pack of this site (no answer: the peer does not hold the pack)");
        await Screenshots.TakeAsync(page, "dashboard-replication");

        await problems.GetByRole(AriaRole.Link, new() { Name = "Peer south never reached" }).ClickAsync();
        await page.WaitForURLAsync(appliance.Url + "/replication");
        var south = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Peer south" }) });
        await Assertions.Expect(south).ToContainTextAsync("Never reached (configured 2 days ago).");
        await Assertions.Expect(south).ToContainTextAsync("1 pack failed the latest proof");
        var east = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Peer east-secondary-school" }) });
        await Assertions.Expect(east).ToContainTextAsync("Last reached 1 h ago.");
        await Assertions.Expect(east).ToContainTextAsync("3 waiting (900 MB), about 3 hours to catch up.");
        await Assertions.Expect(page.Locator("svg.copies rect")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Replication" })).ToHaveAttributeAsync("aria-current", "page");
        await Screenshots.TakeAsync(page, "replication");

        await Assertions.Expect(page.Locator("#replication")).ToHaveAttributeAsync("hx-trigger", "every 60s");
        var refresh = await context.APIRequest.GetAsync(appliance.Url + "/replication", new() { Headers = new Dictionary<string, string> { ["HX-Request"] = "true" } });
        await Assert.That(refresh.Status).IsEqualTo(200);
        await Assert.That(await refresh.TextAsync()).StartsWith("<div id=\"replication\"");
        await Assert.That(refresh.Headers["vary"]).Contains("HX-Request");
    }

    [Test]
    public async Task Without_peers_the_page_shows_how_to_add_one()
    {
        await using var appliance = await UiAppliance.StartAsync();
        await using var context = await Chromium.NewContextAsync();
        var page = await context.NewPageAsync();
        await appliance.SetUpAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Replication" }).ClickAsync();
        await Assertions.Expect(page.Locator("pre.snippet")).ToContainTextAsync("[[peers]]");
        await Assertions.Expect(page.Locator("#replication")).ToContainTextAsync("costor-appliance fingerprint");
        await Screenshots.TakeAsync(page, "replication-empty");
    }

    private static string T(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static void Edit(UiAppliance appliance, string sql)
    {
        using var catalogue = new SqliteConnection($"Data Source={Path.Combine(appliance.Process.DataDir, "catalogue.db")};Pooling=false");
        catalogue.Open();
        using var edit = catalogue.CreateCommand();
        edit.CommandText = sql;
        edit.ExecuteNonQuery();
    }
}
