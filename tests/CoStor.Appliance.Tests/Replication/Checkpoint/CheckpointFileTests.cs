using System.Text.Json;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Replication.Checkpoint;

/// <summary>The streamed checkpoint is the same content the object form holds, and opens like any other.</summary>
public class CheckpointFileTests
{
    [Test]
    public async Task The_streamed_json_reads_back_as_exactly_the_content_built_as_objects()
    {
        using var site = await CheckpointSite.CreateAsync();
        new RetiredPackTable(site.Site.Database).Record(new string('a', 64), TestSite.Clock.GetUtcNow().AddDays(-2));
        var expected = CheckpointBuilder.Build(site.Site.Database, "school", site.Site.Context.Config.Peers, 9, TestSite.Clock);

        var json = new MemoryStream();
        CheckpointFile.WriteJson(site.Site.Database, site.Site.Context, 9, TestSite.Clock.GetUtcNow(), json);
        var streamed = JsonSerializer.Deserialize(json.ToArray(), CheckpointJsonContext.Default.CheckpointContent)!;

        await Assert.That(Canonical(streamed)).IsEqualTo(Canonical(expected));
        await Assert.That(streamed.Packs.Sum(p => p.Blobs.Count)).IsGreaterThan(0);
        await Assert.That(streamed.Agents.Sum(a => a.Owned.Count)).IsGreaterThan(0);
        await Assert.That(streamed.Agents.Sum(a => a.Verified.Count)).IsGreaterThan(0);
        await Assert.That(streamed.Retired.Single().Pack).IsEqualTo(new string('a', 64));
    }

    [Test]
    public async Task A_written_checkpoint_verifies_opens_and_leaves_no_temporary_file()
    {
        using var site = await CheckpointSite.CreateAsync();
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "checkpoint", "latest");

        var size = CheckpointFile.Write(site.Site.Database, site.Site.Context, 4, TestSite.Clock.GetUtcNow(), path);

        var bytes = await File.ReadAllBytesAsync(path);
        await Assert.That((long)bytes.Length).IsEqualTo(size);
        var opened = CheckpointCodec.Open(bytes, site.Site.Authority.Certificate, site.Site.Keys.Keyring);
        var expected = CheckpointBuilder.Build(site.Site.Database, "school", site.Site.Context.Config.Peers, 4, TestSite.Clock);
        await Assert.That(Canonical(opened)).IsEqualTo(Canonical(expected));
        await Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!).Select(f => Path.GetFileName(f)!)).IsEquivalentTo(["latest"]);
        await Assert.That(File.GetUnixFileMode(path) & UnixFileMode.OtherWrite).IsEqualTo((UnixFileMode)0);
    }

    private static string Canonical(CheckpointContent content) =>
        JsonSerializer.Serialize(content, CheckpointJsonContext.Default.CheckpointContent);
}
