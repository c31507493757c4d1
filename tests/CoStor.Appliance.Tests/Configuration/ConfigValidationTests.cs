using CoStor.Appliance.Configuration;

namespace CoStor.Appliance.Tests.Configuration;

/// <summary>
/// One test per kind of invalid configuration; each asserts the exact error line, which ends with where the value
/// (or, for a missing key, its table) is in the file.
/// </summary>
public class ConfigValidationTests
{
    private const string Fp0 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private const string Fp1 = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    private static async Task FailsWith(string toml, params string[] expected)
    {
        var error = ConfigLoaderTests.Throws(() => ConfigLoader.Parse(toml, "test.toml"));
        await Assert.That(error.Errors.ToArray()).IsEquivalentTo(expected);
    }

    private static string Peer(string name, string url, string fingerprint) =>
        $"[[peers]]\nname = \"{name}\"\nurl = \"{url}\"\nfingerprint = \"{fingerprint}\"\n";

    [Test]
    public Task Syntax_error_gives_line_and_column() =>
        FailsWith("[site]\nname = \"x\"\n[limits\n",
            "line 3, column 8: Unexpected token found `␤` (token: `newline`) while expecting `]` (token: `closebracket`)");

    [Test]
    public async Task Every_syntax_error_is_listed_with_its_line()
    {
        var error = ConfigLoaderTests.Throws(() => ConfigLoader.Parse("a = \n[site]\nname = = 2\n", "test.toml"));
        await Assert.That(error.Errors[0]).StartsWith("line 1, column 5: ");
        await Assert.That(error.Errors[^1]).StartsWith("line 3, column ");
    }

    [Test]
    public Task Duplicate_key_is_an_error_with_its_line() =>
        FailsWith("[site]\nname = \"a\"\nname = \"b\"\n",
            "line 3, column 1: The key `site.name` is already defined at (2,1) with `name = \"a\"` and cannot be redefined");

    [Test]
    public Task Wrong_value_type_names_the_key_path_and_line() =>
        FailsWith("[limits]\nkey_burst = \"lots\"\nmax_upload_concurrency = 1.5\n",
            "limits.key_burst: expected an integer, not a string (line 2, column 13)",
            "limits.max_upload_concurrency: expected an integer, not a float (line 3, column 26)");

    [Test]
    public Task Wrong_type_inside_a_peer_names_its_index() =>
        FailsWith(Peer("a", "https://a:1", Fp0) + "[[peers]]\nurl = 3\n",
            "peers[1].url: expected a string, not an integer (line 6, column 7)");

    [Test]
    public Task Table_given_as_a_value_names_the_table() =>
        FailsWith("server = 3\n", "server: expected a table, not an integer (line 1, column 10)");

    [Test]
    public Task Unknown_keys_are_errors_at_every_level() =>
        FailsWith("colour = 1\n[sever]\nurls = 1\n[limits]\nkey_brust = 2\n" + Peer("a", "https://a:1", Fp0) + "port = 3\n",
            "colour: unknown key (expected one of: site, server, limits, enrolment, metrics, tls, replication, peers) (line 1, column 10)",
            "sever: unknown key (expected one of: site, server, limits, enrolment, metrics, tls, replication, peers) (line 2, column 1)",
            "limits.key_brust: unknown key (expected one of: key_requests_per_minute, key_burst, key_requests_per_day, max_upload_concurrency, max_uploads_per_agent, max_connections, enrol_attempts_per_minute, seal_idle_seconds) (line 5, column 13)",
            "peers[0].port: unknown key (expected one of: name, url, fingerprint, bandwidth, window) (line 10, column 8)");

    [Test]
    [Arguments("")]
    [Arguments("-north")]
    [Arguments("north site")]
    public Task Site_name_must_be_a_plain_name(string name) =>
        FailsWith($"[site]\nname = \"{name}\"\n",
            $"site.name: not a valid site name (\"{name}\"): 1-63 letters, digits, '.', '-' or '_', starting with a letter or digit (line 2, column 8)");

    [Test]
    public Task Urls_must_not_be_empty() =>
        FailsWith("[server]\nurls = []\n", "server.urls: must list at least one URL (line 2, column 8)");

    [Test]
    [Arguments("ftp://0.0.0.0:21")]
    [Arguments("https://0.0.0.0:8443/costor")]
    [Arguments("0.0.0.0:8443")]
    public Task Urls_must_be_http_listen_urls(string url) =>
        FailsWith($"[server]\nurls = [\"https://*:8443\", \"{url}\"]\n",
            $"server.urls[1]: not an http:// or https:// listen URL without a path (\"{url}\") (line 2, column 8)");

    [Test]
    public Task Data_dir_must_be_absolute() =>
        FailsWith("[server]\ndata_dir = \"data\"\n", "server.data_dir: must be an absolute path (\"data\") (line 2, column 12)");

    [Test]
    [Arguments("key_requests_per_minute", "0", "1", "2147483647")]
    [Arguments("key_burst", "-1", "8192", "2147483647")]
    [Arguments("key_burst", "8191", "8192", "2147483647")]
    [Arguments("key_burst", "2147483648", "8192", "2147483647")]
    [Arguments("key_requests_per_day", "8191", "8192", "2147483647")]
    [Arguments("max_upload_concurrency", "5000", "1", "4096")]
    [Arguments("max_uploads_per_agent", "2", "3", "4096")]
    [Arguments("max_connections", "15", "16", "65536")]
    [Arguments("enrol_attempts_per_minute", "0", "1", "10000")]
    [Arguments("seal_idle_seconds", "0", "1", "86400")]
    public Task Limits_must_be_in_range(string key, string value, string min, string max) =>
        FailsWith($"[limits]\n{key} = {value}\n", $"limits.{key}: must be between {min} and {max} (got {value}) (line 2, column {key.Length + 4})");

    [Test]
    public Task Tls_names_must_be_dns_names_or_addresses() =>
        FailsWith("[tls]\nnames = [\"backup.school.example\", \"10.0.0.5\", \"not a name\"]\n",
            "tls.names[2]: not a DNS name or IP address (\"not a name\") (line 2, column 9)");

    [Test]
    public async Task Command_line_values_override_the_file_and_are_validated_with_it()
    {
        var config = ConfigLoader.Parse("[server]\nurls = \"https://0.0.0.0:9000\"\n", "test.toml",
            new ConfigOverrides(DataDir: "/srv/costor", Urls: "https://127.0.0.1:0;https://[::1]:0", SiteName: "north"));
        await Assert.That(config.Server.DataDir).IsEqualTo("/srv/costor");
        await Assert.That(config.Server.Urls.ToArray()).IsEquivalentTo(["https://127.0.0.1:0", "https://[::1]:0"]);
        await Assert.That(config.Site.Name).IsEqualTo("north");
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse("", "test.toml", new ConfigOverrides(Urls: "ftp://x")));
        await Assert.That(error.Message).Contains("server.urls[0]: not an http:// or https:// listen URL");
    }

    [Test]
    public Task Metrics_token_file_must_be_absolute() =>
        FailsWith("[metrics]\ntoken_file = \"metrics.token\"\n", "metrics.token_file: must be an absolute path (\"metrics.token\") (line 2, column 14)");

    [Test]
    public Task Token_ttl_must_be_in_range() =>
        FailsWith("[enrolment]\ntoken_ttl_hours = 0\n", "enrolment.token_ttl_hours: must be between 1 and 8760 (got 0) (line 2, column 19)");

    [Test]
    public Task Peer_fields_are_required() =>
        FailsWith("[[peers]]\n", "peers[0].name: required (line 1, column 1)", "peers[0].url: required (line 1, column 1)", "peers[0].fingerprint: required (line 1, column 1)");

    [Test]
    [Arguments("abc")]
    [Arguments("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")]
    [Arguments("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g")]
    [Arguments("sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public Task Peer_fingerprint_must_be_64_hex_digits(string fingerprint) =>
        FailsWith(Peer("a", "https://a:1", Fp0) + Peer("b", "https://b:1", fingerprint),
            "peers[1].fingerprint: not a SHA-256 fingerprint (64 hex digits) (line 8, column 15)");

    [Test]
    public Task Peer_fingerprint_must_be_lowercase() =>
        FailsWith(Peer("a", "https://a:1", Fp0.ToUpperInvariant()), "peers[0].fingerprint: must be lowercase hex (line 4, column 15)");

    [Test]
    [Arguments("http://a:8443")]
    [Arguments("a:8443")]
    [Arguments("https://a:8443/?x=1")]
    public Task Peer_url_must_be_https(string url) =>
        FailsWith(Peer("a", url, Fp0), $"peers[0].url: not an https:// URL (\"{url}\") (line 3, column 7)");

    [Test]
    public Task Peer_names_and_fingerprints_are_unique() =>
        FailsWith(Peer("a", "https://a:1", Fp0) + Peer("A", "https://b:1", Fp1) + Peer("c", "https://c:1", Fp0),
            "peers[1].name: \"A\" is already used by peers[0] (line 6, column 8)",
            "peers[2].fingerprint: already used by peers[0] (line 12, column 15)");

    [Test]
    public Task Peer_is_not_this_site() =>
        FailsWith("[site]\nname = \"north\"\n" + Peer("north", "https://a:1", Fp0),
            "peers[0].name: \"north\" is this site's own name (site.name) (line 4, column 8)");
}
