using CoStor.Appliance.Configuration;

namespace CoStor.Appliance.Tests.Configuration;

/// <summary>Inputs found by fuzzing (tests/testdata/fuzz-regressions/config-toml) and the error each must give.</summary>
public class ConfigLoaderFuzzRegressionTests
{
    private static string Regression(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fuzz-regressions", "config-toml", name));

    [Test]
    public async Task Nesting_past_the_parser_depth_limit_is_a_config_error_not_a_toml_exception()
    {
        var error = ConfigLoaderTests.Throws(() => ConfigLoader.Parse(Regression("array-nested-past-depth-limit.toml"), "deep.toml"));

        await Assert.That(error.SourceName).IsEqualTo("deep.toml");
        await Assert.That(error.Errors.Count).IsEqualTo(1);
        await Assert.That(error.Errors[0]).Contains("maximum depth of 64");
    }

    /// <summary>Tomlyn throws ArgumentOutOfRangeException when the text ends inside a string escape.</summary>
    [Test]
    [Arguments("string-ends-after-backslash.toml", "line 1, column 7: Invalid End-Of-File found on string literal")]
    [Arguments("string-ends-inside-unicode-escape.toml", "line 2, column ")]
    [Arguments("afl-crash-string-ends-after-backslash.toml", "line ")]
    public async Task Text_ending_inside_a_string_escape_is_a_config_error_with_its_line(string file, string start)
    {
        var error = ConfigLoaderTests.Throws(() => ConfigLoader.Parse(Regression(file), file));

        await Assert.That(error.Errors.Count).IsGreaterThanOrEqualTo(1);
        await Assert.That(error.Errors[0]).StartsWith(start);
    }
}
