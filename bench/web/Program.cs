using System.Globalization;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Catalogue.Dashboard;
using CoStor.Bench.Web;

// costor-bench-web fill DATA
//   Adds the generated site (CatalogueGenerator: 200 agents × 365 daily snapshots, 1,825 packs) to the catalogue of
//   the existing site in DATA. The appliance must not be serving DATA. Snapshot records are whole, but their
//   trees do not exist, so only the dashboard, lists and PC pages can show them.
// costor-bench-web latency URL USER N PATH...   (password on stdin)
//   Signs in as USER, then for each PATH sends 20 warm-up GETs and N timed GETs, one after another on one
//   keep-alive connection, and prints:  web page PATH N p50 p95 p99 ttfb_p50 ttfb_p95 bytes   (ms; ttfb = until
//   the response headers arrived). Exits 1 if any response is not 200.
return args switch
{
    ["fill", var data] => Fill(data),
    ["latency", var url, var user, var n, .. var paths] when paths.Length > 0 =>
        await PageLatency.RunAsync(new Uri(url), user, Console.In.ReadLine() ?? "", int.Parse(n, CultureInfo.InvariantCulture), paths),
    _ => Usage(),
};

static int Fill(string root)
{
    var data = new DataDirectory(root);
    if (!data.SiteExists)
    {
        Console.Error.WriteLine($"costor-bench-web: no site in {root} (costor-appliance init first)");
        return 2;
    }
    var database = CatalogueDatabase.Open(data.CataloguePath);
    var generator = new CatalogueGenerator(database, TimeProvider.System.GetUtcNow());
    generator.Generate();
    // The generated records' root keys are plain, as in rows from before keys were sealed: serve's start-up pass
    // (SnapshotStore.SealPlainRootKeys) seals them, so every generated snapshot opens like a real one.
    Console.Error.WriteLine($"# catalogue: {generator.Snapshots} generated snapshots of 200 agents");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: costor-bench-web fill DATA | costor-bench-web latency URL USER N PATH... (password on stdin)");
    return 2;
}
