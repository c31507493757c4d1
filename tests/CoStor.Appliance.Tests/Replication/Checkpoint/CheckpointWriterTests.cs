using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoStor.Appliance.Tests.Replication.Checkpoint;

/// <summary>checkpoint/latest: a new sequence only after a change, at most once a minute, continuing across restarts.</summary>
public class CheckpointWriterTests
{
    [Test]
    public async Task A_new_sequence_is_written_only_after_a_change_and_not_twice_within_a_minute()
    {
        using var site = await CheckpointSite.CreateAsync();
        var time = new ManualTime(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var writer = new CheckpointWriter(site.Site.Database, site.Site.Context, time, NullLogger<CheckpointWriter>.Instance);
        var path = site.Site.Data.CheckpointPath;
        var ca = site.Site.Authority.Certificate;

        await Assert.That(writer.WriteIfChanged()).IsEqualTo(1);
        await Assert.That(CheckpointCodec.Verify(File.ReadAllBytes(path), ca)).IsEqualTo(1);
        time.Advance(TimeSpan.FromMinutes(5));
        await Assert.That(writer.WriteIfChanged()).IsNull().Because("nothing changed");

        site.Agents.Rename(site.One.Id, "pc-one (library)", "test");
        time.Advance(TimeSpan.FromSeconds(10));
        await Assert.That(writer.WriteIfChanged()).IsEqualTo(2);
        site.Agents.Rename(site.One.Id, "pc-one (hall)", "test");
        time.Advance(TimeSpan.FromSeconds(59));
        await Assert.That(writer.WriteIfChanged()).IsNull().Because("the last one is not a minute old");
        time.Advance(TimeSpan.FromSeconds(1));
        await Assert.That(writer.WriteIfChanged()).IsEqualTo(3);

        var content = CheckpointCodec.Open(File.ReadAllBytes(path), ca, site.Site.Keys.Keyring);
        await Assert.That(content.Sequence).IsEqualTo(3);
        await Assert.That(content.Agents.Single(a => a.Id == site.One.Id).Name).IsEqualTo("pc-one (hall)");
        await Assert.That(content.CreatedAt).IsEqualTo(time.GetUtcNow());
        await Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!).Select(f => Path.GetFileName(f)!).ToArray()).IsEquivalentTo(new[] { "latest" });
    }

    [Test]
    public async Task After_a_restart_the_sequence_continues_from_the_file()
    {
        using var site = await CheckpointSite.CreateAsync();
        var time = new ManualTime(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        new CheckpointWriter(site.Site.Database, site.Site.Context, time, NullLogger<CheckpointWriter>.Instance).WriteIfChanged();
        time.Advance(TimeSpan.FromMinutes(1));
        var restarted = new CheckpointWriter(site.Site.Database, site.Site.Context, time, NullLogger<CheckpointWriter>.Instance);

        await Assert.That(restarted.WriteIfChanged()).IsEqualTo(2);
    }

    [Test]
    public async Task The_hosted_service_writes_one_when_it_starts_and_stops_cleanly()
    {
        using var site = await CheckpointSite.CreateAsync();
        var writer = new CheckpointWriter(site.Site.Database, site.Site.Context, TimeProvider.System, NullLogger<CheckpointWriter>.Instance);

        await writer.StartAsync(CancellationToken.None);
        for (var i = 0; i < 100 && !File.Exists(site.Site.Data.CheckpointPath); i++)
            await Task.Delay(50);
        await writer.StopAsync(CancellationToken.None);

        await Assert.That(CheckpointCodec.Verify(File.ReadAllBytes(site.Site.Data.CheckpointPath), site.Site.Authority.Certificate)).IsEqualTo(1);
    }
}
