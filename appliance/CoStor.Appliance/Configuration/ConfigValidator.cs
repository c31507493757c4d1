using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace CoStor.Appliance.Configuration;

/// <summary>
/// Checks a <see cref="ConfigDocument"/> and fills in defaults. Every error is added to the list given to the
/// constructor and starts with the key path it concerns (<c>peers[1].fingerprint: ...</c>); array indexes
/// are 0-based. <see cref="Validate"/> returns a value even when there are errors; callers check the list.
/// </summary>
internal sealed partial class ConfigValidator(List<string> errors)
{
    private const int MaxTokenTtlHours = 24 * 365;
    private const int MaxUploadConcurrency = 4096;

    public ApplianceConfig Validate(ConfigDocument document, string defaultSiteName)
    {
        ReportUnknownKeys(document.Unknown, "", "site, server, limits, enrolment, metrics, tls, replication, peers");
        var site = ValidateSite(document.Site, defaultSiteName);
        var server = ValidateServer(document.Server);
        var limits = ValidateLimits(document.Limits);
        var enrolment = ValidateEnrolment(document.Enrolment);
        var metrics = ValidateMetrics(document.Metrics);
        var tls = ValidateTls(document.Tls);
        var replication = ValidateReplication(document.Replication);
        var peers = ValidatePeers(document.Peers ?? [], site.Name);
        return new ApplianceConfig(site, server, limits, enrolment, metrics, tls, peers) { Replication = replication };
    }

    private SiteConfig ValidateSite(ConfigDocument.SiteTable? table, string defaultSiteName)
    {
        ReportUnknownKeys(table?.Unknown, "site.", "name, machine_key_file");
        var name = table?.Name ?? defaultSiteName;
        CheckName("site.name", name);
        var machineKey = table?.MachineKeyFile;
        if (machineKey is not null && !Path.IsPathFullyQualified(machineKey))
        {
            Error("site.machine_key_file", $"must be an absolute path (\"{machineKey}\")");
            machineKey = null;
        }

        return new SiteConfig(name, machineKey);
    }

    private ServerConfig ValidateServer(ConfigDocument.ServerTable? table)
    {
        ReportUnknownKeys(table?.Unknown, "server.", "urls, data_dir, shutdown_timeout_seconds");
        var urls = table?.Urls ?? [.. ServerConfig.Default.Urls];
        if (urls.Count == 0)
        {
            Error("server.urls", "must list at least one URL");
        }

        for (var i = 0; i < urls.Count; i++)
        {
            if (!IsListenUrl(urls[i]))
            {
                Error($"server.urls[{i}]", $"not an http:// or https:// listen URL without a path (\"{urls[i]}\")");
            }
        }

        var dataDir = table?.DataDir ?? ServerConfig.DefaultDataDir;
        if (!Path.IsPathFullyQualified(dataDir))
        {
            Error("server.data_dir", $"must be an absolute path (\"{dataDir}\")");
        }

        var shutdown = InRange("server.shutdown_timeout_seconds", table?.ShutdownTimeoutSeconds, ServerConfig.DefaultShutdownTimeoutSeconds, 1, 600);
        return new ServerConfig([.. urls], dataDir, shutdown);
    }

    private LimitsConfig ValidateLimits(ConfigDocument.LimitsTable? table)
    {
        ReportUnknownKeys(table?.Unknown, "limits.", "key_requests_per_minute, key_burst, key_requests_per_day, max_upload_concurrency, max_uploads_per_agent, max_connections, enrol_attempts_per_minute, seal_idle_seconds");
        var defaults = LimitsConfig.Default;
        // A bucket smaller than one full key request could never serve it: the agent would wait forever.
        const int oneRequest = CoStor.Core.Protocol.ProtocolLimits.MaxKeysPerRequest;
        return new LimitsConfig(
            InRange("limits.key_requests_per_minute", table?.KeyRequestsPerMinute, defaults.KeyRequestsPerMinute, 1, int.MaxValue),
            InRange("limits.key_burst", table?.KeyBurst, defaults.KeyBurst, oneRequest, int.MaxValue),
            InRange("limits.key_requests_per_day", table?.KeyRequestsPerDay, defaults.KeyRequestsPerDay, oneRequest, int.MaxValue),
            InRange("limits.max_upload_concurrency", table?.MaxUploadConcurrency, defaults.MaxUploadConcurrency, 1, MaxUploadConcurrency),
            // Two batches in flight and one of trees: an agent below 3 could not back up at full speed.
            InRange("limits.max_uploads_per_agent", table?.MaxUploadsPerAgent, defaults.MaxUploadsPerAgent, 3, MaxUploadConcurrency),
            InRange("limits.max_connections", table?.MaxConnections, defaults.MaxConnections, 16, 65_536),
            InRange("limits.enrol_attempts_per_minute", table?.EnrolAttemptsPerMinute, defaults.EnrolAttemptsPerMinute, 1, 10_000),
            InRange("limits.seal_idle_seconds", table?.SealIdleSeconds, defaults.SealIdleSeconds, 1, 86_400));
    }

    private EnrolmentConfig ValidateEnrolment(ConfigDocument.EnrolmentTable? table)
    {
        ReportUnknownKeys(table?.Unknown, "enrolment.", "token_ttl_hours");
        return new EnrolmentConfig(
            InRange("enrolment.token_ttl_hours", table?.TokenTtlHours, EnrolmentConfig.Default.TokenTtlHours, 1, MaxTokenTtlHours));
    }

    private MetricsConfig ValidateMetrics(ConfigDocument.MetricsTable? table)
    {
        ReportUnknownKeys(table?.Unknown, "metrics.", "token_file");
        var tokenFile = table?.TokenFile;
        if (tokenFile is not null && !Path.IsPathFullyQualified(tokenFile))
        {
            Error("metrics.token_file", $"must be an absolute path (\"{tokenFile}\")");
            tokenFile = null;
        }

        return new MetricsConfig(tokenFile);
    }

    private TlsConfig ValidateTls(ConfigDocument.TlsTable? table)
    {
        ReportUnknownKeys(table?.Unknown, "tls.", "names");
        var names = table?.Names ?? [];
        for (var i = 0; i < names.Count; i++)
        {
            if (!System.Net.IPAddress.TryParse(names[i], out _) && Uri.CheckHostName(names[i]) != UriHostNameType.Dns)
            {
                Error($"tls.names[{i}]", $"not a DNS name or IP address (\"{names[i]}\")");
            }
        }

        return new TlsConfig([.. names]);
    }

    private ReplicationConfig ValidateReplication(ConfigDocument.ReplicationTable? table)
    {
        ReportUnknownKeys(table?.Unknown, "replication.", "copies, peer_gone_days, grace_days, interval_seconds, proof_sample");
        var defaults = ReplicationConfig.Default;
        return new ReplicationConfig(
            InRange("replication.copies", table?.Copies, defaults.Copies, 1, 64),
            InRange("replication.peer_gone_days", table?.PeerGoneDays, defaults.PeerGoneDays, 1, 3650),
            InRange("replication.grace_days", table?.GraceDays, defaults.GraceDays, ReplicationConfig.MinGraceDays, 3650),
            InRange("replication.interval_seconds", table?.IntervalSeconds, defaults.IntervalSeconds, 1, 86_400),
            InRange("replication.proof_sample", table?.ProofSample, defaults.ProofSample, 0, 10_000));
    }

    private ImmutableArray<PeerConfig> ValidatePeers(List<ConfigDocument.PeerTable> tables, string siteName)
    {
        var peers = ImmutableArray.CreateBuilder<PeerConfig>(tables.Count);
        var firstIndexByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var firstIndexByFingerprint = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tables.Count; i++)
        {
            var path = $"peers[{i}]";
            var table = tables[i];
            ReportUnknownKeys(table.Unknown, path + ".", "name, url, fingerprint, bandwidth, window");

            var name = Required($"{path}.name", table.Name);
            if (name is not null && CheckName($"{path}.name", name))
            {
                if (string.Equals(name, siteName, StringComparison.OrdinalIgnoreCase))
                {
                    Error($"{path}.name", $"\"{name}\" is this site's own name (site.name)");
                }
                else if (!firstIndexByName.TryAdd(name, i))
                {
                    Error($"{path}.name", $"\"{name}\" is already used by peers[{firstIndexByName[name]}]");
                }
            }

            var url = ValidatePeerUrl($"{path}.url", Required($"{path}.url", table.Url));

            var fingerprint = Required($"{path}.fingerprint", table.Fingerprint);
            if (fingerprint is not null && CheckFingerprint($"{path}.fingerprint", fingerprint)
                && !firstIndexByFingerprint.TryAdd(fingerprint, i))
            {
                Error($"{path}.fingerprint", $"already used by peers[{firstIndexByFingerprint[fingerprint]}]");
            }

            long? bandwidth = null;
            if (table.Bandwidth is { } bandwidthText && (bandwidth = PeerLimits.ParseBandwidth(bandwidthText, out var bandwidthError)) is null)
            {
                Error($"{path}.bandwidth", bandwidthError!);
            }

            TransferWindow? window = null;
            if (table.Window is { } windowText && (window = PeerLimits.ParseWindow(windowText, out var windowError)) is null)
            {
                Error($"{path}.window", windowError!);
            }

            if (name is not null && url is not null && fingerprint is not null)
            {
                peers.Add(new PeerConfig(name, url, fingerprint, bandwidth, window));
            }
        }

        return peers.DrainToImmutable();
    }

    private Uri? ValidatePeerUrl(string path, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps
            || !string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || url.UserInfo.Length > 0)
        {
            Error(path, $"not an https:// URL (\"{value}\")");
            return null;
        }

        return url;
    }

    private bool CheckFingerprint(string path, string value)
    {
        if (LowercaseSha256().IsMatch(value))
        {
            return true;
        }

        Error(path, AnyCaseSha256().IsMatch(value)
            ? "must be lowercase hex"
            : "not a SHA-256 fingerprint (64 hex digits)");
        return false;
    }

    private bool CheckName(string path, string value)
    {
        if (SiteName().IsMatch(value))
        {
            return true;
        }

        Error(path, $"not a valid site name (\"{value}\"): 1-63 letters, digits, '.', '-' or '_', starting with a letter or digit");
        return false;
    }

    private static bool IsListenUrl(string value)
    {
        // Kestrel takes "*" and "+" as "any address"; Uri does not parse them as hosts.
        var normalised = value.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
            .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalised, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && url.AbsolutePath == "/" && url.Query.Length == 0 && url.Fragment.Length == 0 && url.UserInfo.Length == 0;
    }

    private int InRange(string path, long? value, int fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value < min || value > max)
        {
            Error(path, $"must be between {min} and {max} (got {value})");
            return fallback;
        }

        return (int)value;
    }

    private string? Required(string path, string? value)
    {
        if (value is null)
        {
            Error(path, "required");
        }

        return value;
    }

    private void ReportUnknownKeys(Dictionary<string, object?>? unknown, string prefix, string known)
    {
        foreach (var key in unknown?.Keys ?? Enumerable.Empty<string>())
        {
            Error(prefix + key, $"unknown key (expected one of: {known})");
        }
    }

    private void Error(string path, string message) => errors.Add($"{path}: {message}");

    [GeneratedRegex(@"^[0-9a-f]{64}\z")]
    private static partial Regex LowercaseSha256();

    [GeneratedRegex(@"^[0-9a-fA-F]{64}\z")]
    private static partial Regex AnyCaseSha256();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,62}\z")]
    private static partial Regex SiteName();
}
