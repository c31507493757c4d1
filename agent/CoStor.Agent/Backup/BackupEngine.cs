using CoStor.Agent.Client;
using CoStor.Agent.FileSystem;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Backup;

/// <summary>
/// One backup, in four steps: plan (walk, and decide what to read: <see cref="BackupPlan"/>) → read changed files
/// in parallel, uploading new chunks → seal and upload trees bottom-up (<see cref="TreeSealer"/>) → commit.
/// Nothing is committed unless every blob was acknowledged; an interrupted backup resumes cheaply because
/// acknowledged blobs are remembered in the blob log.
/// </summary>
public sealed partial class BackupEngine(ApplianceClient client, StateDirectory state, AgentIdentity identity)
{
    public async Task<BackupOutcome> RunAsync(IReadOnlyList<string> paths, BackupOptions options, CancellationToken cancellationToken)
    {
        using var exclusive = state.LockForBackup();
        try
        {
            return await RunOnceAsync(paths, options, cancellationToken);
        }
        catch (CommitRefusedException e)
        {
            // The local record of acknowledged blobs no longer matches the appliance (for instance it was
            // rebuilt): forget it and send everything once more; blobs the appliance does hold are no-ops.
            Console.Error.WriteLine($"warning: {e.Message}; backing up again without the local blob cache");
            state.ForgetUploads();
            return await RunOnceAsync(paths, options, cancellationToken);
        }
    }

    private async Task<BackupOutcome> RunOnceAsync(IReadOnlyList<string> paths, BackupOptions options, CancellationToken cancellationToken)
    {
        var report = new BackupReport();
        // The session round trip overlaps the walk.
        var sessionStart = client.StartSessionAsync(cancellationToken);
        // Followed: a state directory reached through a symlink is still the directory the walk meets.
        var stateStat = Posix.Stat(System.Text.Encoding.UTF8.GetBytes(state.Root));
        var root = new SourceWalker(report, options.OneFileSystem, (stateStat.Device, stateStat.Inode)).Walk(paths);
        var session = await sessionStart;
        var files = RegularFiles(root);

        using var log = new BlobLog(state.BlobLogPath);
        var plan = BackupPlan.Make(files, FileCache.Load(state.FileCachePath), log.DataIds());
        var uploader = new ChunkUploader(client, log, cancellationToken);
        var (rootRef, cacheSaved) = await ReadAndSealAsync(root, files, plan, log, uploader, report, options, cancellationToken);

        var stats = new SnapshotStats(files.Count(f => !f.Omitted), CountDirectories(root), files.Where(f => !f.Omitted).Sum(f => f.Stat.Size),
            uploader.NewBlobs, uploader.NewBytes, report.UnreadableFiles.Count);
        var commit = client.CommitAsync(new CommitRequest(session.SessionId, System.Net.Dns.GetHostName(),
            [.. paths.Select(Path.GetFullPath)], new BlobRefDto(rootRef.Id.ToString(), rootRef.Key.ToString()), stats, report.ListedInSnapshot()), cancellationToken);
        // Both finish before this returns or throws, so a retry after a refused commit (RunAsync) never races the
        // cache being written; a refused commit's exception is the one that surfaces.
        await Task.WhenAll(commit, cacheSaved);
        return new BackupOutcome(await commit, report.UnreadableFiles.Count > 0);
    }

    /// <summary>
    /// The regular files below <paramref name="root"/>, in walk order, collected into one list (nested iterators
    /// cost a step per level for every file).
    /// </summary>
    private static List<SourceNode> RegularFiles(SourceNode root)
    {
        var files = new List<SourceNode>();
        Collect(root);
        return files;

        void Collect(SourceNode node)
        {
            if (node.Omitted)
                return;
            if (node.Stat.IsRegular)
                files.Add(node);
            foreach (var child in node.Children ?? [])
                Collect(child);
        }
    }

    private static long CountDirectories(SourceNode node) =>
        node.Omitted || node.Children is null ? 0 : 1 + node.Children.Sum(CountDirectories);
}
