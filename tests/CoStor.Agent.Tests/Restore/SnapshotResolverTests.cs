using CoStor.Agent.Cli;
using CoStor.Agent.State;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Tests.Restore;

public class SnapshotResolverTests
{
    private static SnapshotRecord Snapshot(string id, int day) => new(
        id, "agent", "pc", "host", ["/home"], new DateTimeOffset(2025, 1, day, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2025, 1, day, 1, 0, 0, TimeSpan.Zero), new BlobRefDto(new string('a', 64), new string('b', 64)),
        SnapshotRecord.Complete, new SnapshotStats(1, 1, 1, 0, 0), []);

    private static readonly SnapshotRecord[] Snapshots =
    [
        Snapshot("abcd1234000000000000000000000000", 3),
        Snapshot("abcd5678000000000000000000000000", 5),
        Snapshot("ef01000000000000000000000000abcd", 4),
    ];

    [Test]
    public async Task Full_id_unique_prefix_and_latest_resolve()
    {
        await Assert.That(SnapshotResolver.Resolve(Snapshots, "ABCD1234000000000000000000000000").Id).IsEqualTo(Snapshots[0].Id);
        await Assert.That(SnapshotResolver.Resolve(Snapshots, "abcd5").Id).IsEqualTo(Snapshots[1].Id);
        await Assert.That(SnapshotResolver.Resolve(Snapshots, "ef01").Id).IsEqualTo(Snapshots[2].Id);
        await Assert.That(SnapshotResolver.Resolve(Snapshots, "latest").Id).IsEqualTo(Snapshots[1].Id);
    }

    [Test]
    [Arguments("abcd", "matches 2 snapshots (abcd1234, abcd5678): give more digits")]
    [Arguments("abc", "is not a snapshot id: give at least 4 hex digits")]
    [Arguments("xyz12345", "is not a snapshot id")]
    [Arguments("9999", "no snapshot id starts with '9999'")]
    public async Task Bad_arguments_say_why(string argument, string expected)
    {
        var error = Assert.Throws<AgentException>(() => SnapshotResolver.Resolve(Snapshots, argument));
        await Assert.That(error!.Message).Contains(expected);
    }

    [Test]
    public async Task No_snapshots_is_a_clear_error()
    {
        var error = Assert.Throws<AgentException>(() => SnapshotResolver.Resolve([], "latest"));
        await Assert.That(error!.Message).IsEqualTo("this agent has no snapshots yet");
    }

    [Test]
    public async Task Root_reference_is_parsed_from_the_record()
    {
        var root = SnapshotResolver.RootOf(Snapshots[0]);
        await Assert.That(root.Id.ToString()).IsEqualTo(new string('a', 64));
        var broken = Snapshots[0] with { Root = new BlobRefDto("zz", "yy") };
        await Assert.That(() => SnapshotResolver.RootOf(broken)).Throws<AgentException>();
    }
}
