using CoStor.Appliance.Configuration;

namespace CoStor.Appliance.Tests.Configuration;

/// <summary><c>[replication]</c> and the peers' <c>bandwidth</c> and <c>window</c>: defaults, units, ranges, and errors with their lines.</summary>
public class ReplicationConfigTests
{
    private const string Fp0 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    /// <summary>A peer on lines 1-4 and <paramref name="extra"/> from line 5.</summary>
    private static string Peer(string extra) =>
        $"[[peers]]\nname = \"south\"\nurl = \"https://south:8443/\"\nfingerprint = \"{Fp0}\"\n{extra}\n";

    private static async Task FailsWith(string toml, params string[] expected)
    {
        var error = ConfigLoaderTests.Throws(() => ConfigLoader.Parse(toml, "test.toml"));
        await Assert.That(error.Errors.ToArray()).IsEquivalentTo(expected);
    }

    [Test]
    public async Task Defaults_apply_without_a_replication_table()
    {
        var config = ConfigLoader.Parse(Peer(""), "test.toml");

        await Assert.That(config.Replication).IsEqualTo(new ReplicationConfig(Copies: 2, PeerGoneDays: 7, GraceDays: 14, IntervalSeconds: 60, ProofSample: 8));
        await Assert.That(config.Peers[0].BandwidthBytesPerSecond).IsNull();
        await Assert.That(config.Peers[0].Window).IsNull();
    }

    [Test]
    public async Task Every_replication_key_is_read()
    {
        var config = ConfigLoader.Parse("[replication]\ncopies = 3\npeer_gone_days = 2\ngrace_days = 30\ninterval_seconds = 5\nproof_sample = 0\n", "test.toml");

        await Assert.That(config.Replication).IsEqualTo(new ReplicationConfig(3, 2, 30, 5, 0));
    }

    [Test]
    [Arguments("copies", "0", "1", "64")]
    [Arguments("peer_gone_days", "0", "1", "3650")]
    [Arguments("grace_days", "13", "14", "3650")]
    [Arguments("interval_seconds", "0", "1", "86400")]
    [Arguments("proof_sample", "-1", "0", "10000")]
    public Task Replication_values_must_be_in_range(string key, string value, string min, string max) =>
        FailsWith($"[replication]\n{key} = {value}\n", $"replication.{key}: must be between {min} and {max} (got {value}) (line 2, column {key.Length + 4})");

    [Test]
    public Task Unknown_replication_key_is_an_error() =>
        FailsWith("[replication]\ncopy = 2\n",
            "replication.copy: unknown key (expected one of: copies, peer_gone_days, grace_days, interval_seconds, proof_sample) (line 2, column 8)");

    [Test]
    [Arguments("20MB", 20_000_000L)]
    [Arguments("512k", 512_000L)]
    [Arguments("512K", 512_000L)]
    [Arguments("1.5M", 1_500_000L)]
    [Arguments("3G", 3_000_000_000L)]
    [Arguments("10MiB", 10_485_760L)]
    [Arguments("1KiB", 1024L)]
    [Arguments("2Gi", 2_147_483_648L)]
    [Arguments("100", 100L)]
    [Arguments("100B", 100L)]
    [Arguments("64 kB", 64_000L)]
    public async Task Bandwidth_is_bytes_per_second(string text, long expected)
    {
        var config = ConfigLoader.Parse(Peer($"bandwidth = \"{text}\""), "test.toml");

        await Assert.That(config.Peers[0].BandwidthBytesPerSecond).IsEqualTo(expected);
    }

    [Test]
    [Arguments("fast", "not a rate like \"20MB\", \"512k\" or \"10MiB\" (\"fast\")")]
    [Arguments("-5MB", "not a rate like \"20MB\", \"512k\" or \"10MiB\" (\"-5MB\")")]
    [Arguments("20 Mbps", "not a rate like \"20MB\", \"512k\" or \"10MiB\" (\"20 Mbps\")")]
    [Arguments("0", "must be at least 1 byte per second (\"0\")")]
    [Arguments("0.0001k", "must be at least 1 byte per second (\"0.0001k\")")]
    [Arguments("2000000GiB", "at most 1000000000000000 bytes per second (\"2000000GiB\")")]
    public Task Bandwidth_errors_name_the_key_and_line(string text, string message) =>
        FailsWith(Peer($"bandwidth = \"{text}\""), $"peers[0].bandwidth: {message} (line 5, column 13)");

    [Test]
    public Task Bandwidth_must_be_a_string() =>
        FailsWith(Peer("bandwidth = 20"), "peers[0].bandwidth: expected a string, not an integer (line 5, column 13)");

    [Test]
    public async Task Window_wraps_past_midnight()
    {
        var window = ConfigLoader.Parse(Peer("window = \"19-07\""), "test.toml").Peers[0].Window!;

        await Assert.That(window).IsEqualTo(new TransferWindow(19, 7));
        foreach (var (hour, minute, open) in new[] { (19, 0, true), (23, 59, true), (0, 0, true), (6, 59, true), (7, 0, false), (12, 0, false), (18, 59, false) })
            await Assert.That(window.IsOpen(At(hour, minute))).IsEqualTo(open);
    }

    [Test]
    public async Task Window_within_a_day()
    {
        var window = ConfigLoader.Parse(Peer("window = \"9-17\""), "test.toml").Peers[0].Window!;

        await Assert.That(window).IsEqualTo(new TransferWindow(9, 17));
        foreach (var (hour, open) in new[] { (8, false), (9, true), (16, true), (17, false), (23, false) })
            await Assert.That(window.IsOpen(At(hour, 30))).IsEqualTo(open);
    }

    [Test]
    public async Task Window_uses_the_local_hour_of_the_time_given()
    {
        var window = new TransferWindow(19, 7);
        // 20:00 at UTC+2 is 18:00 UTC: open by the box's local clock, which is what the window means.
        await Assert.That(window.IsOpen(new DateTimeOffset(2026, 12, 4, 20, 0, 0, TimeSpan.FromHours(2)))).IsTrue();
    }

    [Test]
    [Arguments("7-7", "the window opens and closes at the same hour (\"7-7\"); leave it out to allow any time")]
    [Arguments("24-03", "hours must be 0-23 (\"24-03\")")]
    [Arguments("19:00-07:00", "not an hour range like \"19-07\" (\"19:00-07:00\")")]
    [Arguments("19", "not an hour range like \"19-07\" (\"19\")")]
    public Task Window_errors_name_the_key_and_line(string text, string message) =>
        FailsWith(Peer($"window = \"{text}\""), $"peers[0].window: {message} (line 5, column 10)");

    [Test]
    public async Task A_value_from_the_command_line_has_no_line_in_the_file()
    {
        var error = ConfigLoaderTests.Throws(() => ConfigLoader.Parse("[site]\nname = \"ok\"\n", "test.toml", new ConfigOverrides(SiteName: "bad name")));
        await Assert.That(error.Errors.ToArray()).IsEquivalentTo(["site.name: not a valid site name (\"bad name\"): 1-63 letters, digits, '.', '-' or '_', starting with a letter or digit"]);
    }

    private static DateTimeOffset At(int hour, int minute) => new(2026, 12, 4, hour, minute, 0, TimeSpan.Zero);
}
