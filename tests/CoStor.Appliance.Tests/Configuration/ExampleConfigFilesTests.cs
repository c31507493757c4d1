using CoStor.Appliance.Configuration;

namespace CoStor.Appliance.Tests.Configuration;

/// <summary>The files in <c>config/</c> (copied next to the test binary) parse and mean what they say.</summary>
public class ExampleConfigFilesTests
{
    private static readonly string ConfigDir = Path.Combine(AppContext.BaseDirectory, "config");

    [Test]
    public async Task Every_file_in_config_parses()
    {
        var files = Directory.GetFiles(ConfigDir, "*.toml");
        await Assert.That(files.Length).IsGreaterThanOrEqualTo(2);
        foreach (var file in files)
        {
            var config = ConfigLoader.Load(file);
            await Assert.That(config.Site.Name).IsNotEmpty();
        }
    }

    [Test]
    public async Task Example_file_sets_every_key()
    {
        var config = ConfigLoader.Load(Path.Combine(ConfigDir, "appliance.example.toml"));

        await Assert.That(config.Site.Name).IsEqualTo("school-north");
        await Assert.That(config.Site.MachineKeyFile).IsEqualTo("/etc/costor/machine.key");
        await Assert.That(config.Site.MachineKeyFile).IsEqualTo("/etc/costor/machine.key");
        await Assert.That(config.Server.Urls.ToArray()).IsEquivalentTo(["https://0.0.0.0:8443"]);
        await Assert.That(config.Server.DataDir).IsEqualTo("/var/lib/costor");
        await Assert.That(config.Server.ShutdownTimeoutSeconds).IsEqualTo(30);
        await Assert.That(config.Limits).IsEqualTo(new LimitsConfig(60_000, 200_000, 5_000_000, 32, 4, 1024, 30));
        await Assert.That(config.Enrolment.TokenTtlHours).IsEqualTo(24);
        await Assert.That(config.Metrics.TokenFile).IsEqualTo("/etc/costor/metrics.token");
        await Assert.That(config.Tls.Names.ToArray()).IsEquivalentTo(["backup.school-north.example"]);
        await Assert.That(config.Peers.Length).IsEqualTo(2);
        await Assert.That(config.Peers[0]).IsEqualTo(new PeerConfig(
            "school-south",
            new Uri("https://costor.school-south.example:8443"),
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            BandwidthBytesPerSecond: 20_000_000,
            Window: new TransferWindow(19, 7)));
        await Assert.That(config.Peers[1].Name).IsEqualTo("school-east");
        await Assert.That(config.Replication).IsEqualTo(new ReplicationConfig(Copies: 2, PeerGoneDays: 7, GraceDays: 14, IntervalSeconds: 60, ProofSample: 8));
    }

    [Test]
    public async Task Example_file_shows_the_defaults_in_code()
    {
        var example = ConfigLoader.Load(Path.Combine(ConfigDir, "appliance.example.toml"));
        var defaults = ConfigLoader.Load(null);

        await Assert.That(example.Server.Urls.ToArray()).IsEquivalentTo(defaults.Server.Urls.ToArray());
        await Assert.That(example.Server.DataDir).IsEqualTo(defaults.Server.DataDir);
        await Assert.That(example.Limits).IsEqualTo(defaults.Limits);
        await Assert.That(example.Enrolment).IsEqualTo(defaults.Enrolment);
        await Assert.That(example.Replication).IsEqualTo(defaults.Replication);
    }

    [Test]
    public async Task Minimal_file_names_the_site_and_keeps_every_default()
    {
        var config = ConfigLoader.Load(Path.Combine(ConfigDir, "minimal.toml"));

        await Assert.That(config.Site.Name).IsEqualTo("school-north");
        await Assert.That(config.Server.Urls.ToArray()).IsEquivalentTo([ServerConfig.DefaultUrl]);
        await Assert.That(config.Server.DataDir).IsEqualTo(ServerConfig.DefaultDataDir);
        await Assert.That(config.Limits).IsEqualTo(LimitsConfig.Default);
        await Assert.That(config.Enrolment).IsEqualTo(EnrolmentConfig.Default);
        await Assert.That(config.Peers.IsEmpty).IsTrue();
        await Assert.That(config.Replication).IsEqualTo(ReplicationConfig.Default);
    }
}
