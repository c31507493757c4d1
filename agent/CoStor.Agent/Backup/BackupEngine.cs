using System.Buffers;
using System.Collections.Concurrent;
using CoStor.Agent.Client;
using CoStor.Agent.FileSystem;
using CoStor.Agent.Progress;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Chunking;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;

namespace CoStor.Agent.Backup;

/// <summary>
/// One backup: walk → read changed files (in parallel) → upload new chunks → build and upload trees
/// bottom-up → commit. Files whose size, mtime, ctime and inode match the metadata cache are not read.
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
        var cache = FileCache.Load(state.FileCachePath);
        var acknowledged = log.DataIds();
        var toRead = new List<SourceNode>(files.Count);
        var hardlinkLeaders = new Dictionary<ulong, SourceNode>();
        var followers = new List<(SourceNode Follower, SourceNode Leader)>();
        foreach (var file in files)
        {
            if (file.HardlinkId != 0)
            {
                if (hardlinkLeaders.TryGetValue(file.HardlinkId, out var leader))
                {
                    followers.Add((file, leader));
                    continue;
                }
                hardlinkLeaders[file.HardlinkId] = file;
            }
            if (cache.TryGet(file.Path, out var cached) && cached.Size == file.Stat.Size && cached.MtimeNs == file.Stat.MtimeNs
                && cached.CtimeNs == file.Stat.CtimeNs && cached.Inode == file.Stat.Inode && cached.Content.All(c => acknowledged.Contains(c.Ref.Id)))
                file.Content = [.. cached.Content];
            else
                toRead.Add(file);
        }

        // Largest first: big files are the long single-threaded jobs, so starting them early keeps both cores
        // busy to the end instead of leaving one file running alone. Likely copies of another file come after
        // every other file, so their original has been read (or is being read) when they are matched with it.
        var (copies, originals) = DuplicateFiles.Pair(toRead);
        var readOrder = new List<SourceNode>(toRead.Count);
        readOrder.AddRange(toRead.Where(f => !copies.ContainsKey(f)));
        var firstCopy = readOrder.Count;
        readOrder.AddRange(copies.Keys);
        readOrder.Sort(0, firstCopy, LargestFirst);
        readOrder.Sort(firstCopy, copies.Count, LargestFirst);
        // What reading an original produced, for its likely copies (null: it was left out).
        var readings = originals.ToDictionary(o => o, _ => new TaskCompletionSource<FileReader.FileChunks?>(TaskCreationOptions.RunContinuationsAsynchronously));
        using var meter = new ProgressMeter("backup", options.ShowProgress) { TotalFiles = toRead.Count, TotalBytes = toRead.Sum(f => f.Stat.Size) };
        var uploader = new ChunkUploader(client, log, cancellationToken);
        var reader = new FileReader(new FastCdc(GearTable.FromSeed(Convert.FromBase64String(identity.ChunkerSeed)), ChunkerParameters.Default), log, uploader, report);
        var slots = new System.Collections.Concurrent.ConcurrentDictionary<SourceNode, List<ChunkSlot>>();
        var trees = new ConcurrentDictionary<BlobId, SealedBlob>();
        // Written in the background once every data blob is acknowledged (see below).
        var cacheSaved = Task.CompletedTask;
        BlobRef rootRef;
        Task? treesUploaded = null;
        var allSubmitted = false;
        try
        {
            await Parallel.ForEachAsync(readOrder, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
                async (file, ct) =>
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
            // Every chunk has its reference now; the trees are built and sent while the last data batches are
            // on the wire. Nothing is committed before both are acknowledged.
            await uploader.EndSubmissionsAsync();
            foreach (var (file, fileSlots) in slots)
                file.Content = [.. fileSlots.Select(s => s.Value)];
            foreach (var (follower, leader) in followers)
            {
                follower.Content = leader.Content;
                follower.Stat = follower.Stat with { Size = leader.Stat.Size };
                follower.Omitted = leader.Omitted;
            }
            rootRef = SealTree(root, Convert.FromBase64String(identity.MetadataKey), log, trees);
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

        // A likely copy takes its original's chunks if its bytes hash to what the original's chunks hold (DuplicateFiles).
        async ValueTask<bool> TakeCopyAsync(SourceNode file, CancellationToken ct)
        {
            if (!copies.TryGetValue(file, out var original))
                return false;
            if (await readings[original].Task.WaitAsync(ct) is not { ContentHash: { } hash } chunks
                || !DuplicateFiles.TryMatch(file, hash, original.Stat.Size, out var stat))
                return false;
            slots[file] = chunks.Slots;
            file.Stat = stat;
            return true;
        }

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
    /// Seals the directory tree bottom-up, one depth at a time with every directory of a depth on parallel
    /// threads (a directory needs its subdirectories' references, all of which are one depth below). Flat
    /// loops rather than nested ones: a parallel loop per directory waiting on its children's loops tied up
    /// thread-pool threads and sealed on fewer cores than it asked for. Trees the agent already had
    /// acknowledged are not re-sent.
    /// </summary>
    private static BlobRef SealTree(SourceNode root, byte[] metadataKey, BlobLog log, ConcurrentDictionary<BlobId, SealedBlob> upload)
    {
        var levels = new List<List<SourceNode>>();
        for (List<SourceNode> level = [root]; level.Count > 0; level = [.. level.SelectMany(Subdirectories)])
            levels.Add(level);
        for (var depth = levels.Count - 1; depth >= 0; depth--)
            Parallel.ForEach(levels[depth], Parallelism, directory => directory.Subtree = SealDirectory(directory, metadataKey, log, upload));
        return root.Subtree!.Value;
    }

    private static IEnumerable<SourceNode> Subdirectories(SourceNode directory) =>
        (directory.Children ?? []).Where(c => !c.Omitted && c.Children is not null);

    /// <summary>
    /// Seals one directory's tree; a directory too large for one tree (about 170,000 entries) is sealed as runs
    /// of entries and a tree of spans naming them (<see cref="TreeSpans"/>).
    /// </summary>
    private static BlobRef SealDirectory(SourceNode directory, byte[] metadataKey, BlobLog log, ConcurrentDictionary<BlobId, SealedBlob> upload)
    {
        // One encoding buffer per sealing thread, reused for every directory it seals (a first backup seals
        // thousands; fresh buffers for each were a large part of the sealing time, spent faulting in new pages).
        var encoded = t_treeEncoding ??= new ArrayBufferWriter<byte>();
        var entries = (directory.Children ?? []).Where(c => !c.Omitted).Select(c => c.ToTreeNode()).ToList();
        encoded.ResetWrittenCount();
        if (TreeCodec.TryEncode(entries, encoded))
            return SealTreeBytes(encoded.WrittenSpan, metadataKey, log, upload);
        var spans = new List<TreeNode>();
        foreach (var run in TreeSpans.Split(entries))
        {
            encoded.ResetWrittenCount();
            TreeCodec.Encode(run, encoded);
            spans.Add(TreeSpans.Span(run[0].Name, SealTreeBytes(encoded.WrittenSpan, metadataKey, log, upload)));
        }
        encoded.ResetWrittenCount();
        TreeCodec.Encode(spans, encoded);
        return SealTreeBytes(encoded.WrittenSpan, metadataKey, log, upload);
    }

    /// <summary>Seals one encoded tree and queues it for upload unless the appliance already acknowledged it.</summary>
    private static BlobRef SealTreeBytes(ReadOnlySpan<byte> tree, byte[] metadataKey, BlobLog log, ConcurrentDictionary<BlobId, SealedBlob> upload)
    {
        var sealedTree = BlobSealer.Seal(tree, metadataKey);
        if (!log.HasTree(sealedTree.Ref.Id))
            upload.TryAdd(sealedTree.Ref.Id, sealedTree);
        return sealedTree.Ref;
    }

    private static readonly ParallelOptions Parallelism = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_treeEncoding;

    private static readonly Comparer<SourceNode> LargestFirst = Comparer<SourceNode>.Create(static (a, b) => b.Stat.Size.CompareTo(a.Stat.Size));

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
