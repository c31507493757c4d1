using CoStor.Appliance.Configuration;

namespace CoStor.Appliance.Tests.Configuration;

public class ConfigLoaderTests
{
    [Test]
    public async Task No_file_gives_the_defaults_in_code()
    {
        var config = ConfigLoader.Load(null);

        await Assert.That(config.Site.Name).IsEqualTo(Environment.MachineName);
        await Assert.That(config.Server.Urls.ToArray()).IsEquivalentTo(["https://0.0.0.0:8443"]);
        await Assert.That(config.Server.DataDir).IsEqualTo("/var/lib/costor");
        await Assert.That(config.Limits).IsEqualTo(new LimitsConfig(60_000, 200_000, 5_000_000, 32, 4, 1024, 30));
        await Assert.That(config.Enrolment.TokenTtl).IsEqualTo(TimeSpan.FromHours(24));
        await Assert.That(config.Peers.IsEmpty).IsTrue();
    }

    [Test]
    public async Task Empty_text_gives_the_same_defaults_as_no_file()
    {
        var empty = ConfigLoader.Parse("", "empty.toml");
        var none = ConfigLoader.Load(null);

        await Assert.That(empty.Site).IsEqualTo(none.Site);
        await Assert.That(empty.Limits).IsEqualTo(none.Limits);
        await Assert.That(empty.Enrolment).IsEqualTo(none.Enrolment);
        await Assert.That(empty.Server.DataDir).IsEqualTo(none.Server.DataDir);
    }

    [Test]
    public async Task Load_reads_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"costor-config-{Guid.NewGuid():N}.toml");
        await File.WriteAllTextAsync(path, "[limits]\nkey_burst = 10000\n");
        try
        {
            await Assert.That(ConfigLoader.Load(path).Limits.KeyBurst).IsEqualTo(10000);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Missing_file_is_a_config_error_naming_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"costor-missing-{Guid.NewGuid():N}.toml");

        var error = Throws(() => ConfigLoader.Load(path));

        await Assert.That(error.SourceName).IsEqualTo(path);
        await Assert.That(error.Errors.Count).IsEqualTo(1);
        await Assert.That(error.Errors[0]).StartsWith("cannot read the file:");
    }

    [Test]
    public async Task Urls_may_be_a_single_string_or_a_list()
    {
        var single = ConfigLoader.Parse("[server]\nurls = \"http://127.0.0.1:8080\"\n", "t.toml");
        var list = ConfigLoader.Parse("[server]\nurls = [\"https://*:8443\", \"http://[::1]:8080\"]\n", "t.toml");

        await Assert.That(single.Server.Urls.ToArray()).IsEquivalentTo(["http://127.0.0.1:8080"]);
        await Assert.That(list.Server.Urls.Length).IsEqualTo(2);
    }

    [Test]
    public async Task Every_error_is_listed_at_once_with_the_source_name()
    {
        var error = Throws(() => ConfigLoader.Parse(
            """
            [site]
            name = "-bad"
            [limits]
            key_burst = 0
            [enrolment]
            token_ttl_hours = 0
            """,
            "site.toml"));

        await Assert.That(error.SourceName).IsEqualTo("site.toml");
        await Assert.That(error.Errors.Count).IsEqualTo(3);
        await Assert.That(error.Message).StartsWith("site.toml: invalid configuration (3 errors):");
        await Assert.That(error.Message).Contains("\n  limits.key_burst: must be between 8192 and 2147483647 (got 0)");
    }

    internal static ConfigException Throws(Func<ApplianceConfig> load)
    {
        try
        {
            load();
        }
        catch (ConfigException e)
        {
            return e;
        }

        throw new InvalidOperationException("expected a ConfigException");
    }
}
