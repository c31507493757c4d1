using System.Text.Json;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Replication.Checkpoint;

/// <summary>A checkpoint opened and materialised into a fresh data directory works with the appliance's own readers.</summary>
public class CheckpointMaterialiserTests
{
    private static readonly Viewer Admin = new("ann", null);

    /// <summary>The site's checkpoint, encoded, verified, opened and materialised beside a copy of its packs.</summary>
    private static (DataDirectory Data, CatalogueDatabase Database) Rebuilt(CheckpointSite site)
    {
        var content = CheckpointBuilder.Build(site.Site.Database, "school", [], 1, TestSite.Clock);
        var bytes = CheckpointCodec.Encode(content, site.Site.Keys.Keyring, site.Site.Authority);
        var opened = CheckpointCodec.Open(bytes, site.Site.Authority.Certificate, site.Site.Keys.Keyring);
        var data = new DataDirectory(Path.Combine(site.Scratch, "rebuilt"));
        data.EnsureLayout();
        foreach (var pack in opened.Packs)
        {
            var target = LocalPackDirectory.PathIn(data.PacksPath, pack.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(LocalPackDirectory.PathIn(site.Site.Data.PacksPath, pack.Name), target);
        }
        return (data, CheckpointMaterialiser.Write(opened, data.CataloguePath));
    }

    private static SnapshotBrowser Browser(CatalogueDatabase database, DataDirectory data, CheckpointSite site) =>
        new(new SnapshotStore(database, new CatalogueSecrets(site.Site.Keys.Keyring.CatalogueKey)), database, new PackFiles(data, database),
            new AuditLog(database, TestSite.Clock));

    [Test]
    public async Task The_materialised_catalogue_lists_the_same_directories_and_reads_the_same_bytes()
    {
        using var site = await CheckpointSite.CreateAsync();
        var (data, database) = Rebuilt(site);
        var original = SiteReaders.Open(site.Site.Data, TestSite.Clock).Browser;
        var rebuilt = Browser(database, data, site);

        foreach (var snapshot in site.Snapshots)
        {
            await Assert.That(Record(rebuilt, snapshot)).IsEqualTo(Record(original, snapshot));
            foreach (var path in new[] { "/", "/docs" })
            {
                var before = original.ListDirectory(Admin, snapshot, BrowsePath.Parse(path), null, 100);
                var after = rebuilt.ListDirectory(Admin, snapshot, BrowsePath.Parse(path), null, 100);
                await Assert.That(after is null).IsEqualTo(before is null);
                if (before is not null)
                    await Assert.That(after!.Entries.Select(e => $"{e.DisplayName} {e.Type} {e.Size} {e.Mode}").ToArray())
                        .IsEquivalentTo(before.Entries.Select(e => $"{e.DisplayName} {e.Type} {e.Size} {e.Mode}").ToArray());
            }
        }
        using var stream = rebuilt.OpenFile(Admin, site.Snapshots[1], BrowsePath.Parse("/docs/report.pdf"))!;
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        await Assert.That(copy.ToArray().SequenceEqual(site.Report)).IsTrue();
    }

    [Test]
    public async Task Agent_credentials_still_authenticate_and_a_revoked_agent_stays_revoked()
    {
        using var site = await CheckpointSite.CreateAsync();
        var (_, database) = Rebuilt(site);
        var agents = new AgentStore(database, new AuditLog(database, TestSite.Clock), TestSite.Clock);

        var one = agents.Authenticate(site.One.Id, site.One.Credential);
        await Assert.That(one.Agent?.Name).IsEqualTo("pc-one");
        await Assert.That(one.Agent?.Group).IsEqualTo("Room 12");
        await Assert.That(one.Agent?.ExpectedInterval).IsEqualTo(TimeSpan.FromMinutes(720));
        await Assert.That(agents.Authenticate(site.Two.Id, site.Two.Credential).Refusal).Contains("revoked");
        await Assert.That(agents.Authenticate(site.One.Id, site.Two.Credential)).IsEqualTo(AgentCheck.Unknown);
    }

    [Test]
    public async Task Users_passwords_roles_and_grants_survive()
    {
        using var site = await CheckpointSite.CreateAsync();
        var (_, database) = Rebuilt(site);
        var users = new UserStore(database, new AuditLog(database, TestSite.Clock), TestSite.Clock);

        await Assert.That(users.Authenticate("ann", "correct horse battery")).IsEqualTo("admin");
        await Assert.That(users.Authenticate("otto", "correct horse battery")).IsNull().Because("otto was disabled");
        await Assert.That(users.VisibleAgents("rita")!.Order().ToArray()).IsEquivalentTo(new[] { site.One.Id, site.Two.Id }.Order().ToArray());
    }

    [Test]
    public async Task Every_row_read_back_from_the_materialised_catalogue_equals_the_original()
    {
        using var site = await CheckpointSite.CreateAsync();
        var (_, database) = Rebuilt(site);

        var before = CheckpointTables.Read(site.Site.Database);
        var after = CheckpointTables.Read(database);
        foreach (var (a, b) in new (object, object)[]
                 { (before.Agents, after.Agents), (before.Groups, after.Groups), (before.Users, after.Users), (before.Sessions, after.Sessions),
                   (before.Snapshots, after.Snapshots), (before.Packs, after.Packs) })
            await Assert.That(Json(b)).IsEqualTo(Json(a));
        await Assert.That(after.Agents.Sum(a => a.Owned.Count)).IsGreaterThan(0);
        await Assert.That(after.Agents.Sum(a => a.Verified.Count)).IsGreaterThan(0);
    }

    [Test]
    public async Task An_existing_catalogue_is_never_overwritten()
    {
        using var site = await CheckpointSite.CreateAsync();
        var content = CheckpointBuilder.Build(site.Site.Database, "school", [], 1, TestSite.Clock);
        var before = File.ReadAllBytes(site.Site.Data.CataloguePath).Length;

        await Assert.That(() => CheckpointMaterialiser.Write(content, site.Site.Data.CataloguePath)).Throws<CheckpointException>();
        await Assert.That(File.ReadAllBytes(site.Site.Data.CataloguePath).Length).IsEqualTo(before);
    }

    /// <summary>A snapshot's record as the browser opens it (root key unsealed), as JSON: records hold lists, compared by reference.</summary>
    private static string Record(SnapshotBrowser browser, string snapshot) =>
        JsonSerializer.Serialize(browser.Find(Admin, snapshot)!, CoStor.Core.Protocol.ProtocolJsonContext.Default.SnapshotRecord);

    private static string Json(object rows) => JsonSerializer.Serialize(new CheckpointContent(1, "", 0, default,
        rows as IReadOnlyList<CheckpointAgent> ?? [], rows as IReadOnlyList<CheckpointGroup> ?? [], rows as IReadOnlyList<CheckpointUser> ?? [],
        rows as IReadOnlyList<CheckpointSession> ?? [], rows as IReadOnlyList<CheckpointSnapshot> ?? [], rows as IReadOnlyList<CheckpointPack> ?? [], [], []),
        CheckpointJsonContext.Default.CheckpointContent);
}
