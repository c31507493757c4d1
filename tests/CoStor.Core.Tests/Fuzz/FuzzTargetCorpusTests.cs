using CoStor.Fuzz.Targets;

namespace CoStor.Core.Tests.Fuzz;

/// <summary>
/// Replays each Core fuzz target (fuzz/CoStor.Fuzz/Targets, compiled in here) over its seeds and every stored
/// regression input (tests/testdata/fuzz-regressions/&lt;target&gt;), so the harness builds and passes on every
/// test run and a fixed crash stays fixed. A target raises only what its decoder is allowed to raise.
/// </summary>
public class FuzzTargetCorpusTests
{
    private static readonly Dictionary<string, (Action<byte[]> Run, string[] Seeds)> Targets = new()
    {
        [FrameReaderTarget.Name] = (b => FrameReaderTarget.Run(b), ["fuzz-seeds/frame-reader"]),
        [PackReaderTarget.Name] = (b => PackReaderTarget.Run(b), ["fuzz-seeds/pack-reader", "testdata/v1/pack.pack"]),
        [TreeCodecTarget.Name] = (b => TreeCodecTarget.Run(b), ["testdata/v1/tree.bin", "testdata/v1/tree-spans.bin"]),
        [SnapshotRecordJsonTarget.Name] = (b => SnapshotRecordJsonTarget.Run(b), ["fuzz-seeds/snapshot-json"]),
    };

    [Test]
    [Arguments("frame-reader")]
    [Arguments("pack-reader")]
    [Arguments("tree-codec")]
    [Arguments("snapshot-json")]
    public async Task Seeds_and_regression_inputs_raise_only_the_decoders_exceptions(string target)
    {
        var (run, seeds) = Targets[target];
        var files = seeds.Append($"testdata/fuzz-regressions/{target}").SelectMany(Files).ToArray();
        var unexpected = new List<string>();
        foreach (var file in files)
        {
            try
            {
                run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                unexpected.Add($"{Path.GetFileName(file)}: {e.GetType().Name}: {e.Message}");
            }
        }

        await Assert.That(files.Length).IsGreaterThanOrEqualTo(1);
        await Assert.That(unexpected).IsEmpty();
    }

    /// <summary>The file, or the files under the directory (none when it does not exist yet).</summary>
    private static IEnumerable<string> Files(string relative)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relative);
        return Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : File.Exists(path) ? [path] : [];
    }
}
