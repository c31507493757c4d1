using System.Security.Cryptography;
using System.Text;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Replication.Checkpoint;

/// <summary>
/// A real site worth checkpointing: two agents (the second revoked after its backup), a group holding the first, an
/// admin, a disabled operator and a restorer granted the second agent and the group, three snapshots, packs sealed.
/// </summary>
public sealed class CheckpointSite : IDisposable
{
    private readonly ScratchDirectory _scratch = new();

    private CheckpointSite() => Site = new TestSite(System.IO.Path.Combine(_scratch.Path, "site"));

    public TestSite Site { get; }
    public string Scratch => _scratch.Path;
    public (string Id, string Credential) One { get; private set; }
    public (string Id, string Credential) Two { get; private set; }
    public List<string> Snapshots { get; } = [];
    public byte[] Report { get; } = RandomNumberGenerator.GetBytes((2 << 20) + 777);

    public AgentStore Agents => new(Site.Database, new AuditLog(Site.Database, TestSite.Clock), TestSite.Clock);
    public UserStore Users => new(Site.Database, new AuditLog(Site.Database, TestSite.Clock), TestSite.Clock);

    public static async Task<CheckpointSite> CreateAsync()
    {
        var made = new CheckpointSite();
        var site = made.Site;
        made.One = site.Enrol("pc-one");
        made.Two = site.Enrol("pc-two");
        var agents = made.Agents;
        Check(agents.CreateGroup("Room 12", "test"));
        Check(agents.SetGroup(made.One.Id, "Room 12", "test"));
        Check(agents.SetExpectedInterval(made.One.Id, 720, "test"));
        foreach (var text in new[] { "first", "second" })
        {
            var maker = new SnapshotMaker(site, made.One.Id);
            made.Snapshots.Add(await maker.CommitAsync([
                maker.Directory("docs"u8.ToArray(), [maker.File("report.pdf"u8.ToArray(), made.Report), maker.File("notes.txt"u8.ToArray(), Encoding.UTF8.GetBytes(text))]),
                SnapshotMaker.Symlink("latest"u8.ToArray(), "docs/report.pdf"u8.ToArray())]));
        }
        var other = new SnapshotMaker(site, made.Two.Id);
        made.Snapshots.Add(await other.CommitAsync([other.File("a.txt"u8.ToArray(), "from pc two"u8.ToArray())]));
        agents.Revoke(made.Two.Id, "test");
        var users = made.Users;
        Check(users.Add("ann", "admin", "correct horse battery", "test"));
        Check(users.Add("otto", "operator", "correct horse battery", "test"));
        Check(users.Disable("otto", "test"));
        Check(users.Add("rita", "restorer", "correct horse battery", "test"));
        Check(users.GrantAgent("rita", made.Two.Id, "test"));
        Check(users.GrantGroup("rita", "Room 12", "test"));
        site.SealPacks();
        return made;
    }

    private static void Check(string? problem)
    {
        if (problem is not null)
            throw new InvalidOperationException(problem);
    }

    public void Dispose()
    {
        Site.Dispose();
        _scratch.Dispose();
    }
}
