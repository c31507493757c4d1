using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Hosting;

namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// Keeps <c>checkpoint/latest</c> current: checks once a minute whether the catalogue changed
/// (<see cref="CheckpointTables.ChangeStamp"/>) and, if so, writes a new checkpoint atomically with the next sequence.
/// Sequences only grow: the next one follows the sequence in the existing file's header. After a restart the first
/// check writes one (what the last one held is not remembered).
/// </summary>
public sealed partial class CheckpointWriter(CatalogueDatabase database, SiteContext site, TimeProvider time, ILogger<CheckpointWriter> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private readonly Lock _turn = new();
    private byte[]? _lastStamp;
    private DateTimeOffset? _lastWritten;

    /// <summary>
    /// Writes a new checkpoint if the catalogue changed since the last one and at least <see cref="Interval"/> has
    /// passed since it was written; returns the new sequence, or null when nothing was written.
    /// </summary>
    public long? WriteIfChanged()
    {
        lock (_turn)
        {
            var now = time.GetUtcNow();
            if (_lastWritten is { } last && now - last < Interval)
                return null;
            var stamp = CheckpointTables.ChangeStamp(database);
            if (_lastStamp is not null && stamp.AsSpan().SequenceEqual(_lastStamp))
                return null;
            var path = site.Data.CheckpointPath;
            var sequence = (File.Exists(path) ? CheckpointCodec.PeekSequence(ReadHeader(path)) ?? 0 : 0) + 1;
            var size = CheckpointFile.Write(database, site, sequence, now, path);
            (_lastStamp, _lastWritten) = (stamp, now);
            Log.Written(logger, sequence, size);
            return sequence;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                WriteIfChanged();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The previous checkpoint stays in place; the next tick tries again.
                Log.Failed(logger, e.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static byte[] ReadHeader(string path)
    {
        using var file = File.OpenRead(path);
        var header = new byte[16];
        return header[..file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false)];
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "catalogue checkpoint {Sequence} written ({Bytes} bytes)")]
        public static partial void Written(ILogger logger, long sequence, long bytes);

        [LoggerMessage(2, LogLevel.Error, "writing the catalogue checkpoint failed; the previous one stays: {Message}")]
        public static partial void Failed(ILogger logger, string message);
    }
}
