using CoStor.Agent.Restore;
using static CoStor.Agent.Tests.Restore.SnapshotBuilder;

namespace CoStor.Agent.Tests.Restore;

public class SnapshotListerTests
{
    [Test]
    public async Task Lists_entries_recursively_with_type_mode_owner_size_time_and_path()
    {
        var snapshot = new SnapshotBuilder();
        var root = snapshot.Tree(
            snapshot.Dir("home", snapshot.Dir("ann", snapshot.File("a b.txt", "hello"u8.ToArray(), mtime: 1_714_557_600_999_999_999), Symlink("link", "/nowhere"), Fifo("pipe"))),
            snapshot.Dir("tmp"));
        var tree = await new TreeLoader(snapshot.Source).LoadAsync(root, [], CancellationToken.None);
        var output = new StringWriter();

        var problems = SnapshotLister.Write(output, tree, []);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await Assert.That(problems).IsEmpty();
        await Assert.That(lines.Length).IsEqualTo(6);
        await Assert.That(lines[0]).IsEqualTo("d 0755 0/0            0 2023-11-14T22:13:20Z /home");
        await Assert.That(lines[2]).IsEqualTo("- 0644 1001/1002            5 2024-05-01T10:00:00Z /home/ann/a b.txt");
        await Assert.That(lines[3]).EndsWith(" /home/ann/link -> /nowhere");
        await Assert.That(lines[3]).StartsWith("l 0777 ");
        await Assert.That(lines[4]).StartsWith("p 0640 ");
        await Assert.That(lines[5]).EndsWith(" /tmp");
    }

    [Test]
    public async Task Listing_a_path_starts_at_that_entry()
    {
        var snapshot = new SnapshotBuilder();
        var root = snapshot.Tree(snapshot.Dir("home", snapshot.Dir("ann", snapshot.File("f", [1]))), snapshot.Dir("etc"));
        var path = SnapshotPath.Parse("/home/ann");
        var tree = await new TreeLoader(snapshot.Source).LoadAsync(root, path, CancellationToken.None);
        var output = new StringWriter();

        SnapshotLister.Write(output, tree, path);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await Assert.That(lines.Length).IsEqualTo(2);
        await Assert.That(lines[0]).EndsWith(" /home/ann");
        await Assert.That(lines[1]).EndsWith(" /home/ann/f");
    }

    [Test]
    public async Task Times_before_1970_round_down()
    {
        await Assert.That(SnapshotLister.FormatTime(-1)).IsEqualTo("1969-12-31T23:59:59Z");
        await Assert.That(SnapshotLister.FormatTime(0)).IsEqualTo("1970-01-01T00:00:00Z");
    }
}
