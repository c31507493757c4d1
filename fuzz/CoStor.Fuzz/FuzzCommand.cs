using CoStor.Fuzz.Targets;
using SharpFuzz;

namespace CoStor.Fuzz;

/// <summary>
/// <c>costor-fuzz &lt;target&gt;</c> serves afl-fuzz (SharpFuzz's fork-server protocol, one persistent process);
/// <c>costor-fuzz &lt;target&gt; &lt;file or directory&gt;...</c> replays inputs and prints the exception each
/// unexpected one throws (exit code 1 when any did). Exit code 2 for a bad command line.
/// </summary>
internal static class FuzzCommand
{
    private sealed record Target(string Name, ReadOnlySpanAction Run, bool OutOfProcess);

    /// <summary>
    /// The TOML target runs out of process: a parser that recursed too deep would end the process with a stack
    /// overflow, which only SharpFuzz's out-of-process server survives and reports as a crash.
    /// </summary>
    private static readonly Target[] Targets =
    [
        new(FrameReaderTarget.Name, FrameReaderTarget.Run, OutOfProcess: false),
        new(PackReaderTarget.Name, PackReaderTarget.Run, OutOfProcess: false),
        new(TreeCodecTarget.Name, TreeCodecTarget.Run, OutOfProcess: false),
        new(SnapshotRecordJsonTarget.Name, SnapshotRecordJsonTarget.Run, OutOfProcess: false),
        new(ConfigTomlTarget.Name, ConfigTomlTarget.Run, OutOfProcess: true),
    ];

    public static int Run(string[] args)
    {
        var target = args.Length > 0 ? Array.Find(Targets, t => t.Name == args[0]) : null;
        if (target is null)
        {
            Console.Error.WriteLine($"usage: costor-fuzz <{string.Join('|', Targets.Select(t => t.Name))}> [input file or directory...]");
            return 2;
        }

        return args.Length > 1 ? Replay(target, args[1..]) : Serve(target);
    }

    private static int Serve(Target target)
    {
        var buffer = new MemoryStream();
        void Once(Stream input)
        {
            buffer.SetLength(0);
            input.CopyTo(buffer);
            target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }

        if (target.OutOfProcess)
        {
            Fuzzer.OutOfProcess.Run(Once);
        }
        else
        {
            Fuzzer.Run(Once);
        }

        return 0;
    }

    private static int Replay(Target target, string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p])
            .Order(StringComparer.Ordinal);
        int failed = 0, total = 0;
        foreach (var file in files)
        {
            total++;
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"{file}: {e.GetType().FullName}: {e.Message}");
                Console.WriteLine(e.StackTrace);
            }
        }

        Console.WriteLine($"{target.Name}: {total} inputs, {failed} threw an unexpected exception");
        return failed == 0 ? 0 : 1;
    }
}
