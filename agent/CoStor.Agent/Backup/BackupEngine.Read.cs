using System.Collections.Concurrent;
using CoStor.Agent.Progress;
using CoStor.Agent.State;
using CoStor.Core;
using CoStor.Core.Blobs;
using CoStor.Core.Chunking;

namespace CoStor.Agent.Backup;

public sealed partial class BackupEngine
{
    /// <summary>
    /// Reads the planned files (<see cref="ReadFilesAsync"/>), then seals the trees and uploads them while the last data batches are on the wire. Returns the root tree
    /// and the saving of the metadata cache, which starts once every data blob is acknowledged.
    /// </summary>
    private async Task<(BlobRef Root, Task CacheSaved)> ReadAndSealAsync(SourceNode root, List<SourceNode> files, BackupPlan plan, BlobLog log,
        ChunkUploader uploader, BackupReport report, BackupOptions options, CancellationToken cancellationToken)
    {
        var slots = new ConcurrentDictionary<SourceNode, List<ChunkSlot>>();
        var trees = new ConcurrentDictionary<BlobId, SealedBlob>();
        var cacheSaved = Task.CompletedTask;
        BlobRef rootRef;
        Task? treesUploaded = null;
        var allSubmitted = false;
        try
        {
            await ReadFilesAsync(plan, log, uploader, report, options, slots, cancellationToken);
            // Every chunk has its reference now; the trees are built and sent while the last data batches are
            // on the wire. Nothing is committed before both are acknowledged.
            await uploader.EndSubmissionsAsync();
            foreach (var (file, fileSlots) in slots)
                file.Content = [.. fileSlots.Select(s => s.Value)];
            foreach (var (follower, leader) in plan.HardlinkFollowers)
            {
                follower.Content = leader.Content;
                follower.Stat = follower.Stat with { Size = leader.Stat.Size };
                follower.Omitted = leader.Omitted;
            }
            rootRef = TreeSealer.Seal(root, Convert.FromBase64String(identity.MetadataKey), log, trees);
            treesUploaded = uploader.UploadTreesAsync([.. trees.Values], cancellationToken);
            allSubmitted = true;
        }
        finally
        {
            try
            {
                await uploader.CompleteAsync();
                // Every data blob is acknowledged now, so the cache (which names only those) is valid for the next
                // backup whether or not this commit succeeds; writing it (an fsync of a few MB) overlaps the tree
                // upload and the commit instead of following them.
                if (allSubmitted)
                    cacheSaved = Task.Run(() => FileCache.Save(state.FileCachePath, files.Where(f => !f.Omitted)
                        .Select(f => (f.Path, new CachedFile(f.Stat.Size, f.Stat.MtimeNs, f.Stat.CtimeNs, f.Stat.Inode, f.Content)))), cancellationToken);
            }
            finally
            {
                if (treesUploaded is not null)
                    await treesUploaded;
            }
        }
        return (rootRef, cacheSaved);
    }

    /// <summary>
    /// Reads the planned files on every core into <paramref name="slots"/>; a likely copy takes its original's
    /// chunks when its bytes hash to what the original's chunks hold (<see cref="DuplicateFiles"/>).
    /// </summary>
    private async Task ReadFilesAsync(BackupPlan plan, BlobLog log, ChunkUploader uploader, BackupReport report, BackupOptions options,
        ConcurrentDictionary<SourceNode, List<ChunkSlot>> slots, CancellationToken cancellationToken)
    {
        // What reading an original produced, for its likely copies (null: it was left out).
        var readings = plan.Originals.ToDictionary(o => o, _ => new TaskCompletionSource<FileReader.FileChunks?>(TaskCreationOptions.RunContinuationsAsynchronously));
        using var meter = new ProgressMeter("backup", options.ShowProgress) { TotalFiles = plan.ReadOrder.Count, TotalBytes = plan.BytesToRead };
        var reader = new FileReader(new FastCdc(GearTable.FromSeed(Convert.FromBase64String(identity.ChunkerSeed)), ChunkerParameters.Default), log, uploader, report);
        await Parallel.ForEachAsync(plan.ReadOrder, Parallelism.AllCoresUntil(cancellationToken), async (file, ct) =>
        {
            if (!await TakeCopyAsync(file, ct))
            {
                var isOriginal = readings.TryGetValue(file, out var reading);
                var read = await reader.ReadAsync(file, hashContents: isOriginal, ct);
                if (read is not null)
                    slots[file] = read.Slots;
                reading?.SetResult(read);
            }
            meter.FileDone();
            meter.AddBytes(file.Stat.Size);
        });

        async ValueTask<bool> TakeCopyAsync(SourceNode file, CancellationToken ct)
        {
            if (!plan.CopyOf.TryGetValue(file, out var original))
                return false;
            if (await readings[original].Task.WaitAsync(ct) is not { ContentHash: { } hash } chunks
                || !DuplicateFiles.TryMatch(file, hash, original.Stat.Size, out var stat))
                return false;
            slots[file] = chunks.Slots;
            file.Stat = stat;
            return true;
        }
    }
}
