using System.CommandLine;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Cli;

/// <summary>
/// The appliance's command line (contract in ARCHITECTURE.md): <c>serve</c> (default), <c>init</c>,
/// <c>token create</c>, <c>fingerprint</c>, <c>user add | list | disable | enable | passwd | role</c>, <c>metrics token</c>,
/// <c>agent list | revoke | rename</c>, <c>audit verify</c>, <c>archive</c>, <c>site unlock | lock | list</c>. A command whose result a script reads prints just that value on
/// stdout; everything else goes to stderr. Exit codes: 0 ok, 1 failed.
/// </summary>
public static class ApplianceCommands
{
    private static readonly Option<string?> Data = new("--data") { Description = "data directory (default: from the config, else /var/lib/costor)", Recursive = true };
    private static readonly Option<string?> Config = new("--config") { Description = "TOML configuration file (default: embedded defaults)", Recursive = true };
    private static readonly Option<string?> Urls = new("--urls") { Description = "listen URLs, e.g. https://127.0.0.1:0" };
    private static readonly Option<string?> SiteName = new("--site") { Description = "site name for a new site" };
    private static readonly Option<string?> MachineKey = new("--machine-key") { Description = "the machine key file that seals the keyring (default: from the config, else in the data directory)", Recursive = true };
    private static readonly Option<int> TtlHours = new("--ttl-hours") { Description = "token lifetime in hours (default: from the config, 24)" };

    public static RootCommand Build(TimeProvider time, ProcessSurroundings? surroundings = null)
    {
        var serve = new Command("serve", "Run the appliance (creates the site on first start)") { Urls, SiteName };
        surroundings ??= ProcessSurroundings.Interactive;
        serve.SetAction((result, cancellationToken) => Serve(result, time, surroundings, cancellationToken));

        var init = new Command("init", "Create the site (keyring, CA) if it does not exist; prints the recovery key once") { SiteName };
        init.SetAction(result => Run(() => Init(Resolve(result), time)));

        var tokenCreate = new Command("create", "Print a one-time agent enrolment token") { TtlHours };
        tokenCreate.SetAction(result => Run(() => CreateToken(Resolve(result), result.GetValue(TtlHours), time)));
        var token = new Command("token", "Enrolment tokens") { tokenCreate };

        var fingerprint = new Command("fingerprint", "Print the site CA fingerprint (lowercase hex SHA-256)");
        fingerprint.SetAction(result => Run(() => PrintFingerprint(Resolve(result), time)));

        var metricsToken = new Command("token", "Print the bearer token that scrapes /metrics (created if missing)");
        metricsToken.SetAction(result => Run(() => PrintMetricsToken(Resolve(result))));
        var metrics = new Command("metrics", "Prometheus scraping") { metricsToken };

        var root = new RootCommand("CoStor site appliance")
        {
            Data, Config, MachineKey, Urls, SiteName, serve, init, token, fingerprint, UserCommands.Build(Resolve, time), metrics,
            AgentAdminCommands.Build(Resolve, time), AuditCommands.Build(Resolve, time), ArchiveCommand.Build(Resolve, time),
            RebuildCommand.Build(Resolve, time),
            SiteCommands.Build(Resolve, time),
        };
        root.SetAction((result, cancellationToken) => Serve(result, time, surroundings, cancellationToken));
        return root;
    }

    /// <summary>The configuration file (or the defaults) with the command line's values over it, validated once.</summary>
    internal static ApplianceConfig Resolve(ParseResult result) =>
        ConfigLoader.Load(result.GetValue(Config), new ConfigOverrides(result.GetValue(Data), result.GetValue(Urls), result.GetValue(SiteName), result.GetValue(MachineKey)));

    private static Task<int> Serve(ParseResult result, TimeProvider time, ProcessSurroundings surroundings, CancellationToken cancellationToken)
    {
        ApplianceConfig? config = null;
        var resolved = Run(() =>
        {
            config = Resolve(result);
            return 0;
        });
        return config is null ? Task.FromResult(resolved) : ServeCommand.RunAsync(config, time, surroundings, cancellationToken);
    }

    /// <summary>Maps any failure to one clear line on stderr and exit code 1.</summary>
    internal static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ApplianceException or IOException or UnauthorizedAccessException or CoStor.Core.Errors.CoStorException or CoStor.Appliance.Configuration.ConfigException)
        {
            Console.Error.WriteLine($"costor-appliance: {e.Message}");
            return 1;
        }
    }

    private static int Init(ApplianceConfig config, TimeProvider time)
    {
        var data = DataDirectory.For(config);
        if (data.SiteExists)
        {
            Console.Error.WriteLine($"a site already exists in {data.Root}; its recovery key was shown when it was created");
            return 0;
        }
        var recovery = SiteInitializer.Create(data, config.Site.Name, time);
        Console.Out.WriteLine(recovery);
        Console.Error.WriteLine($"created site '{config.Site.Name}' in {data.Root}. The line above is the recovery key: store it offline now; it is never shown again.");
        return 0;
    }

    private static int CreateToken(ApplianceConfig config, int ttlHours, TimeProvider time)
    {
        if (ttlHours < 0)
            throw new ApplianceException("--ttl-hours must be positive");
        var data = RequireSite(config);
        var database = CatalogueDatabase.Open(data.CataloguePath);
        var lifetime = ttlHours > 0 ? TimeSpan.FromHours(ttlHours) : config.Enrolment.TokenTtl;
        using var authority = CertificateAuthority.LoadOrCreate(data, SiteKeys.Open(data), time);
        var token = new EnrolmentStore(database, new AuditLog(database, time), time).CreateToken(lifetime, "cli", authority.Fingerprint);
        Console.Out.WriteLine(token);
        return 0;
    }

    private static int PrintFingerprint(ApplianceConfig config, TimeProvider time)
    {
        var data = RequireSite(config);
        using var authority = CertificateAuthority.LoadOrCreate(data, SiteKeys.Open(data), time);
        Console.Out.WriteLine(authority.Fingerprint);
        return 0;
    }

    private static int PrintMetricsToken(ApplianceConfig config)
    {
        var data = RequireSite(config);
        Console.Out.WriteLine(ScrapeCredential.LoadOrCreate(ScrapeCredential.PathFor(config.Metrics, data)).Token);
        return 0;
    }

    internal static DataDirectory RequireSite(ApplianceConfig config)
    {
        var data = DataDirectory.For(config);
        if (!data.SiteExists)
            throw new ApplianceException($"no site in {data.Root}: run 'costor-appliance init --data {data.Root}' first");
        return data;
    }
}
