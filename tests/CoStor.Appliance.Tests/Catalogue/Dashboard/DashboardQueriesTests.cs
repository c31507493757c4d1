using System.Diagnostics;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Catalogue.Dashboard;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Catalogue.Dashboard;

/// <summary>The dashboard over a generated site of 200 agents with a year of daily snapshots (<see cref="CatalogueGenerator"/>).</summary>
public class DashboardQueriesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Problems_come_first_most_urgent_first_and_name_the_right_agents()
    {
        using var scratch = new ScratchDirectory();
        var (queries, generated) = Generated(scratch);

        var summary = queries.Summary(new DashboardRequest(CapacityBytes: (long)(generated.StoredBytes / 0.95)));

        var problems = summary.Problems;
        await Assert.That(problems[0].Kind).IsEqualTo(DashboardProblemKind.StorageNearlyFull);
        await Assert.That(problems[0].Message).StartsWith("storage is 95% full (57.0 GiB of");
        await Assert.That(problems.Where(p => p.Kind == DashboardProblemKind.Overdue).Select(p => p.AgentId!).Order().ToArray())
            .IsEquivalentTo(CatalogueGenerator.Overdue.Select(CatalogueGenerator.AgentId).ToArray());
        await Assert.That(problems.First(p => p.Kind == DashboardProblemKind.Overdue).Message).IsEqualTo("PC-000: no backup for 3 days (expected every 24 hours)");
        await Assert.That(problems.Single(p => p.Kind == DashboardProblemKind.NeverBackedUp).AgentId).IsEqualTo(CatalogueGenerator.AgentId(CatalogueGenerator.NeverBackedUp));
        await Assert.That(problems.Where(p => p.Kind == DashboardProblemKind.LastSnapshotPartial).Select(p => p.AgentId!).Order().ToArray())
            .IsEquivalentTo(CatalogueGenerator.EndsPartial.Select(CatalogueGenerator.AgentId).ToArray());
        await Assert.That(problems.Select(p => p.Kind).ToArray()).IsOrderedBy(k => k);
        await Assert.That(problems.Count).IsEqualTo(1 + 5 + 1 + 3); // the revoked agent is no problem
        await Assert.That(queries.Summary(new DashboardRequest(CapacityBytes: generated.StoredBytes * 2)).Problems[0].Kind).IsEqualTo(DashboardProblemKind.Overdue);
    }

    [Test]
    public async Task Totals_rows_and_trend_match_what_was_generated()
    {
        using var scratch = new ScratchDirectory();
        var (queries, generated) = Generated(scratch);

        var summary = queries.Summary(new DashboardRequest());

        await Assert.That(summary.Totals).IsEqualTo(new DashboardTotals(200, 199, generated.Snapshots, generated.StoredBytes, generated.LogicalBytes,
            generated.LatestLogicalBytes, (double)generated.LogicalBytes / generated.StoredBytes));
        var regular = summary.Agents.Single(r => r.Id == CatalogueGenerator.AgentId(42));
        await Assert.That(regular.Last!.FinishedAt).IsEqualTo(new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero));
        await Assert.That(regular.Last.Bytes).IsEqualTo(CatalogueGenerator.Bytes(0));
        await Assert.That(regular.BytesChange).IsEqualTo(1_000_000L);
        await Assert.That(regular.Group).IsEqualTo("Room 2");
        await Assert.That(regular.Overdue).IsFalse();
        await Assert.That(summary.Agents.Single(r => r.Id == CatalogueGenerator.AgentId(0)).Last!.FinishedAt).IsEqualTo(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

        var trend = summary.Trend;
        await Assert.That(trend.Count).IsEqualTo(90);
        await Assert.That(trend[^1]).IsEqualTo(new StoragePoint(new DateOnly(2026, 12, 4), generated.StoredBytes, (200 - 6) * CatalogueGenerator.NewBytes));
        await Assert.That(trend[^2].StoredBytes).IsEqualTo(generated.StoredBytes - CatalogueGenerator.PacksPerDay * CatalogueGenerator.PackSize);
        await Assert.That(trend[0].Day).IsEqualTo(new DateOnly(2026, 9, 6));
    }

    [Test]
    public async Task Calendars_show_complete_partial_and_missing_days()
    {
        using var scratch = new ScratchDirectory();
        var (queries, _) = Generated(scratch);

        var overdue = queries.Calendar(CatalogueGenerator.AgentId(0));
        await Assert.That(overdue.Count).IsEqualTo(30);
        await Assert.That(overdue[^1]).IsEqualTo(new CalendarDay(new DateOnly(2026, 12, 4), BackupDayState.None));
        await Assert.That(overdue.TakeLast(3).All(d => d.State == BackupDayState.None)).IsTrue();
        await Assert.That(overdue[^4].State).IsEqualTo(BackupDayState.Complete);
        var all = queries.Calendars(visible: new HashSet<string> { CatalogueGenerator.AgentId(5), CatalogueGenerator.AgentId(1) });
        await Assert.That(all.Keys.Order().ToArray()).IsEquivalentTo(new[] { CatalogueGenerator.AgentId(1), CatalogueGenerator.AgentId(5) });
        await Assert.That(all[CatalogueGenerator.AgentId(5)][^1].State).IsEqualTo(BackupDayState.Partial);
        // Agent 1: partial where (1 + daysAgo) % 11 == 0, i.e. 10 and 21 days ago.
        await Assert.That(all[CatalogueGenerator.AgentId(1)][^11].State).IsEqualTo(BackupDayState.Partial);
        await Assert.That(all[CatalogueGenerator.AgentId(1)][^22].State).IsEqualTo(BackupDayState.Partial);
        await Assert.That(queries.Calendar(CatalogueGenerator.AgentId(CatalogueGenerator.NeverBackedUp)).All(d => d.State == BackupDayState.None)).IsTrue();
    }

    [Test]
    public async Task Days_are_counted_in_the_time_zone_asked_for()
    {
        using var scratch = new ScratchDirectory();
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        new CatalogueGenerator(database, Now, agents: 12, days: 5).Generate();
        var queries = new DashboardQueries(database, new ManualTime(Now));
        var west = TimeZoneInfo.CreateCustomTimeZone("west", TimeSpan.FromHours(-9), "west", "west");

        // 08:00 UTC is 23:00 the evening before at UTC-9, where it is now 01:00 on 4 December.
        var days = queries.Calendar(CatalogueGenerator.AgentId(11), 3, west);
        await Assert.That(days.ToArray()).IsEquivalentTo(new[]
        {
            new CalendarDay(new DateOnly(2026, 12, 2), BackupDayState.Complete), new CalendarDay(new DateOnly(2026, 12, 3), BackupDayState.Complete),
            new CalendarDay(new DateOnly(2026, 12, 4), BackupDayState.None),
        }, TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(queries.Calendar(CatalogueGenerator.AgentId(11), 1)[0].State).IsEqualTo(BackupDayState.Complete);
        await Assert.That(queries.Summary(new DashboardRequest(Zone: west)).Trend[^1].NewBytes).IsEqualTo(0L);
    }

    [Test]
    public async Task The_agent_list_searches_name_or_host_and_sorts()
    {
        using var scratch = new ScratchDirectory();
        var (queries, _) = Generated(scratch);

        var found = queries.Agents(new AgentListQuery(Search: "pc-01"));
        await Assert.That(found.Select(r => r.Name).ToArray()).IsEquivalentTo(Enumerable.Range(10, 10).Select(i => $"PC-0{i}").ToArray(), TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(queries.Agents(new AgentListQuery(Search: "HOST-199.school")).Single().Name).IsEqualTo("PC-199");
        await Assert.That(queries.Agents(new AgentListQuery(Search: "%"))).IsEmpty();

        var byBackup = queries.Agents(new AgentListQuery(Sort: AgentSort.LastBackup));
        await Assert.That(byBackup[0].Name).IsEqualTo("PC-000");
        await Assert.That(byBackup[^1].Name).IsEqualTo("PC-008");
        await Assert.That(queries.Agents(new AgentListQuery(Sort: AgentSort.Name, Descending: true))[0].Name).IsEqualTo("PC-199");
        await Assert.That(queries.Agents(new AgentListQuery(Group: "room 3")).Count).IsEqualTo(20);
        await Assert.That(queries.Agents(new AgentListQuery(VisibleAgents: new HashSet<string> { "agent007" })).Single().Name).IsEqualTo("PC-007");
    }

    /// <summary>Not a timed test: prints how long generation and each query take, for docs/performance.md.</summary>
    [Test]
    public async Task Measure_dashboard_queries_over_200_agents_and_a_year_of_snapshots()
    {
        using var scratch = new ScratchDirectory();
        var clock = Stopwatch.StartNew();
        var (queries, generated) = Generated(scratch);
        Console.WriteLine($"generate {generated.Snapshots} snapshots: {clock.ElapsedMilliseconds} ms");
        foreach (var (name, query) in new (string, Action)[]
                 {
                     ("summary", () => queries.Summary(new DashboardRequest(CapacityBytes: 1L << 40))),
                     ("agents by last backup", () => queries.Agents(new AgentListQuery(Search: "pc", Sort: AgentSort.LastBackup))),
                     ("calendars (all agents, 30 days)", () => queries.Calendars()),
                     ("calendar (one agent)", () => queries.Calendar("agent042")),
                 })
        {
            query();
            var times = Enumerable.Range(0, 5).Select(_ => { var s = Stopwatch.StartNew(); query(); return s.Elapsed.TotalMilliseconds; }).Order().ToArray();
            Console.WriteLine($"{name}: median {times[2]:0.0} ms (min {times[0]:0.0}, max {times[^1]:0.0})");
        }
        await Assert.That(generated.Snapshots).IsGreaterThan(72_000);
    }

    private static (DashboardQueries Queries, CatalogueGenerator Generated) Generated(ScratchDirectory scratch)
    {
        var database = CatalogueDatabase.Open(Path.Combine(scratch.Path, "catalogue.db"));
        var generator = new CatalogueGenerator(database, Now);
        generator.Generate();
        return (new DashboardQueries(database, new ManualTime(Now)), generator);
    }
}
