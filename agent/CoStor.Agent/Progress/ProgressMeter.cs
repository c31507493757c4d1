using System.Diagnostics;

namespace CoStor.Agent.Progress;

/// <summary>
/// A one-line progress display on stderr (files, bytes, rate, ETA), redrawn twice a second — only when
/// stderr is a terminal; otherwise it prints nothing, so scripts see just the result line and errors.
/// </summary>
public sealed class ProgressMeter : IDisposable
{
    private readonly string _verb;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private long _files;
    private long _bytes;

    public ProgressMeter(string verb, bool enabled)
    {
        _verb = verb;
        if (enabled)
            _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500));
    }

    public static bool TerminalAttached => !Console.IsErrorRedirected;

    public long TotalFiles { get; set; }
    public long TotalBytes { get; set; }

    public void FileDone() => Interlocked.Increment(ref _files);
    public void AddBytes(long bytes) => Interlocked.Add(ref _bytes, bytes);

    private void Draw()
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var bytes = Interlocked.Read(ref _bytes);
        var rate = bytes / seconds;
        var eta = rate > 0 && TotalBytes > bytes ? TimeSpan.FromSeconds((TotalBytes - bytes) / rate) : TimeSpan.Zero;
        Console.Error.Write($"\r{_verb}: {Interlocked.Read(ref _files)}/{TotalFiles} files, {Size(bytes)}/{Size(TotalBytes)}, {Size((long)rate)}/s, ETA {eta:hh\\:mm\\:ss}   ");
    }

    public static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.00} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };

    public void Dispose()
    {
        if (_timer is null)
            return;
        _timer.Dispose();
        Draw();
        Console.Error.WriteLine();
    }
}
