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

    /// <summary>
    /// The site's checkpoint as the appliance writes it (streamed), verified, opened and materialised row by row
    /// beside a copy of its packs.
    /// </summary>
    private static (DataDirectory Data, CatalogueDatabase Database) Rebuilt(CheckpointSite site)
    {
        var (sequence, json) = Opened(site);
        var data = new DataDirectory(Path.Combine(site.Scratch, "rebuilt"));
        data.EnsureLayout();
        var (database, summary) = CheckpointMaterialiser.WriteJson(json, "school", sequence, data.CataloguePath);
        using (var connection = database.Connect())
        {
            foreach (var (pack, _) in PackTable.AllSealed(connection))
            {
                var target = LocalPackDirectory.PathIn(data.PacksPath, pack);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(LocalPackDirectory.PathIn(site.Site.Data.PacksPath, pack), target);
            }
        }
        return summary.Snapshots > 0 ? (data, database) : throw new InvalidOperationException("no snapshots materialised");
    }

    private static (long Sequence, byte[] Json) Opened(CheckpointSite site)
    {
        var path = Path.Combine(site.Scratch, "checkpoint", $"latest-{Guid.NewGuid():N}");
        CheckpointFile.Write(site.Site.Database, site.Site.Context, 3, TestSite.Clock.GetUtcNow(), path);
        return CheckpointCodec.OpenJson(File.ReadAllBytes(path), site.Site.Authority.Certificate, site.Site.Keys.Keyring);
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
        new RetiredPackTable(site.Site.Database).Record(new string('e', 64), TestSite.Clock.GetUtcNow());
        var (_, database) = Rebuilt(site);

        var before = CheckpointTables.Read(site.Site.Database);
        var after = CheckpointTables.Read(database);
        await Assert.That(after.Retired.Single().Pack).IsEqualTo(new string('e', 64));
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
        var (sequence, json) = Opened(site);
        var before = File.ReadAllBytes(site.Site.Data.CataloguePath).Length;

        await Assert.That(() => CheckpointMaterialiser.WriteJson(json, "school", sequence, site.Site.Data.CataloguePath)).Throws<CheckpointException>();
        await Assert.That(File.ReadAllBytes(site.Site.Data.CataloguePath).Length).IsEqualTo(before);
    }

    [Test]
    public async Task Another_site_another_sequence_another_version_malformed_json_or_a_dangling_row_is_refused_and_leaves_no_file()
    {
        using var site = await CheckpointSite.CreateAsync();
        var (sequence, json) = Opened(site);
        var text = System.Text.Encoding.UTF8.GetString(json);
        var target = Path.Combine(site.Scratch, "refused", "catalogue.db");
        var cases = new (byte[] Json, string Site, long Sequence, string Says)[]
        {
            (json, "north", sequence, "site 'school's, not 'north's"),
            (json, "school", sequence + 1, $"says sequence {sequence}"),
            (System.Text.Encoding.UTF8.GetBytes(text.Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal)), "school", sequence, "version 2"),
            (json[..(json.Length / 2)], "school", sequence, "unreadable"),
            (System.Text.Encoding.UTF8.GetBytes(text.Replace("\"version\":1", "\"version\":\"one\"", StringComparison.Ordinal)), "school", sequence, "unreadable"),
            (System.Text.Encoding.UTF8.GetBytes(text.Replace("\"groups\":[", "\"groups\":[{\"id\":1,\"name\":\"x\",\"createdAt\":\"t\"},", StringComparison.Ordinal)
                .Replace("\"agentId\":\"", "\"agentId\":\"gone", StringComparison.Ordinal)), "school", sequence, "do not fit together"),
        };
        foreach (var (bytes, name, number, says) in cases)
        {
            var refusal = await Assert.That(() => CheckpointMaterialiser.WriteJson(bytes, name, number, target)).Throws<CheckpointException>();
            await Assert.That(refusal!.Message).Contains(says);
            await Assert.That(Directory.Exists(Path.GetDirectoryName(target)!) ? Directory.GetFiles(Path.GetDirectoryName(target)!) : []).IsEmpty();
        }
    }

    /// <summary>A snapshot's record as the browser opens it (root key unsealed), as JSON: records hold lists, compared by reference.</summary>
    private static string Record(SnapshotBrowser browser, string snapshot) =>
        JsonSerializer.Serialize(browser.Find(Admin, snapshot)!, CoStor.Core.Protocol.ProtocolJsonContext.Default.SnapshotRecord);

    private static string Json(object rows) => JsonSerializer.Serialize(new CheckpointContent(1, "", 0, default,
        rows as IReadOnlyList<CheckpointAgent> ?? [], rows as IReadOnlyList<CheckpointGroup> ?? [], rows as IReadOnlyList<CheckpointUser> ?? [],
        rows as IReadOnlyList<CheckpointSession> ?? [], rows as IReadOnlyList<CheckpointSnapshot> ?? [], rows as IReadOnlyList<CheckpointPack> ?? [], [], []),
        CheckpointJsonContext.Default.CheckpointContent);
}
