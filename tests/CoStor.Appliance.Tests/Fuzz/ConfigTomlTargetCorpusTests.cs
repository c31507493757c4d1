using CoStor.Fuzz.Targets;

namespace CoStor.Appliance.Tests.Fuzz;

/// <summary>
/// Replays the TOML fuzz target (fuzz/CoStor.Fuzz/Targets/ConfigTomlTarget.cs, compiled in here) over its seeds (the
/// example files in config/) and every stored regression input, so the harness builds and passes on every test run.
/// </summary>
public class ConfigTomlTargetCorpusTests
{
    [Test]
    public async Task Seeds_and_regression_inputs_raise_only_config_errors()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "config"), "*.toml")
            .Concat(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fuzz-regressions", "config-toml")))
            .ToArray();
        var unexpected = new List<string>();
        foreach (var file in files)
        {
            try
            {
                ConfigTomlTarget.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                unexpected.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        await Assert.That(files.Length).IsGreaterThanOrEqualTo(3);
        await Assert.That(unexpected).IsEmpty();
    }
}
