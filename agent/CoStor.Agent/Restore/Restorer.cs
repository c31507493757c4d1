using CoStor.Agent.FileSystem;
using CoStor.Agent.Progress;
using CoStor.Core.Blobs;

namespace CoStor.Agent.Restore;

/// <summary>
/// Restores a snapshot, or the entry at an include path, below a target directory, reproducing full
/// snapshot paths (restoring /home/ann into T gives T/home/ann). Every write goes through
/// <see cref="RestoreTarget"/>, so no name in the snapshot can reach outside the target. Entries that
/// cannot be restored are reported in the outcome and skipped; transport failures and a missing include
/// path throw (the CLI maps them to exit code 1).
/// </summary>
public sealed class Restorer(IBlobSource source, RestoreOptions options)
{
    /// <param name="root">The snapshot's root tree.</param>
    /// <param name="include">Absolute path inside the snapshot to restore; null or "/" for everything.</param>
    /// <param name="targetPath">Target directory (created if missing; its parent must exist).</param>
    public async Task<RestoreOutcome> RestoreAsync(BlobRef root, string? include, byte[] targetPath, CancellationToken cancellationToken)
    {
        var path = SnapshotPath.Parse(include);
        var tree = await new TreeLoader(source).LoadAsync(root, path, cancellationToken);
        var plan = RestorePlanner.Plan(tree, path);
        using var target = RestoreTarget.Open(targetPath);
        return await ExecuteAsync(plan, target, cancellationToken);
    }

    /// <summary>Carries out <paramref name="plan"/> in <paramref name="target"/>, streaming file content through a <see cref="ChunkPipeline"/>.</summary>
    public async Task<RestoreOutcome> ExecuteAsync(RestorePlan plan, RestoreTarget target, CancellationToken cancellationToken)
    {
        using var progress = new ProgressMeter("restore", options.ShowProgress)
        {
            TotalFiles = plan.TotalFiles,
            TotalBytes = plan.TotalBytes,
        };
        if (options.Writers <= 1 || plan.TotalFiles < 2 * options.Writers)
            return await RunAsync(plan, target, progress, options.BatchBytes, directoryMetadata: true, cancellationToken);

        // Several writers, then one pass that sets every directory's metadata after all its entries exist.
        var parts = PlanPartitioner.Split(plan, options.Writers);
        var batchBytes = Math.Max(4 << 20, options.BatchBytes / options.Writers);
        var outcomes = await Task.WhenAll(parts.Select(part =>
            Task.Run(() => RunAsync(part, target, progress, batchBytes, directoryMetadata: false, cancellationToken), cancellationToken)));
        var directories = await RunAsync(PlanPartitioner.Skeleton(plan), target, progress, batchBytes, directoryMetadata: true, cancellationToken);
        return new RestoreOutcome(outcomes.Sum(o => o.Files), directories.Directories, outcomes.Sum(o => o.Bytes),
            [.. outcomes.SelectMany(o => o.Problems).Concat(directories.Problems).Distinct()]);
    }

    private async Task<RestoreOutcome> RunAsync(RestorePlan plan, RestoreTarget target, ProgressMeter progress, int batchBytes,
        bool directoryMetadata, CancellationToken cancellationToken)
    {
        await using var chunks = new ChunkPipeline(source, plan.Chunks, batchBytes, cancellationToken);
        using var run = new RestoreRun(target, chunks, progress, options.SetOwner, directoryMetadata);
        foreach (var step in plan.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await run.ApplyAsync(step, cancellationToken);
        }
        return await run.CompleteAsync();
    }
}
