using CoStor.Agent.FileSystem;
using CoStor.Agent.Progress;
using CoStor.Core.Trees;

namespace CoStor.Agent.Restore;

/// <summary>
/// The state of one restore while it applies plan steps in order: the stack of open directories (the
/// target at the bottom), the first restored name of each hardlink id, counters and problems. A directory
/// that cannot be created is pushed as a placeholder without a descriptor: its entries are skipped
/// silently (the directory was reported once), but their chunks are still drawn from the pipeline so
/// the plan and the chunk stream stay in step.
/// </summary>
internal sealed partial class RestoreRun(RestoreTarget target, ChunkPipeline chunks, ProgressMeter progress, bool setOwner, bool directoryMetadata = true) : IDisposable
{
    private readonly List<(RestoreDirectory? Directory, TreeNode? Node)> _stack = [(target.Root, null)];
    private readonly Dictionary<ulong, (byte[] DirectoryPath, byte[] Name)> _hardlinks = [];
    private readonly List<string> _problems = [];
    private readonly FinishingQueue _finishing = new();
    private long _files;
    private long _directories;
    private long _bytes;

    private RestoreDirectory? Current => _stack[^1].Directory;

    public async ValueTask ApplyAsync(PlanStep step, CancellationToken cancellationToken)
    {
        switch (step.Kind)
        {
            case StepKind.File:
                await RestoreFileAsync(step, cancellationToken);
                return;
            case StepKind.EnterDirectory:
                Enter(step);
                return;
            case StepKind.LeaveDirectory:
                await LeaveAsync(step, cancellationToken);
                return;
            case StepKind.Problem:
                lock (_problems)
                    _problems.Add(step.Problem ?? $"'{PathBytes.Printable(step.Path)}': cannot be restored");
                return;
        }
        if (Current is not { } directory)
            return;
        try
        {
            var node = step.Node;
            if (step.Kind == StepKind.Hardlink)
            {
                Link(directory, step);
            }
            else
            {
                if (step.Kind == StepKind.Symlink)
                    directory.CreateSymlink(node.Name, node.LinkTarget);
                else
                    directory.CreateFifo(node.Name, node.Mode);
                Created(directory, node);
                await _finishing.EnqueueAsync(() => ApplyMetadata(directory, node, step.Path), cancellationToken);
            }
        }
        catch (IOException e)
        {
            Report(step.Path, e.Message);
        }
        progress.FileDone();
    }

    /// <summary>Waits for the finishing queue, then reports what was restored.</summary>
    public async Task<RestoreOutcome> CompleteAsync()
    {
        await _finishing.DrainAsync();
        lock (_problems)
            return new(_files, _directories, _bytes, [.. _problems]);
    }

    private void Enter(PlanStep step)
    {
        RestoreDirectory? child = null;
        if (Current is { } parent)
        {
            try
            {
                child = parent == target.Root ? target.EnterTopLevel(step.Node.Name) : parent.CreateDirectory(step.Node.Name);
            }
            catch (IOException e)
            {
                Report(step.Path, e.Message);
            }
        }
        _stack.Add((child, step.Node));
    }

    private async ValueTask LeaveAsync(PlanStep step, CancellationToken cancellationToken)
    {
        var (directory, _) = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        if (directory is null)
            return;
        _directories++;
        var parent = Current;
        // Queued after every entry inside the directory, so its mtime and mode are set last; through the
        // directory's own descriptor, and after a staged top-level directory took its real name.
        await _finishing.EnqueueAsync(() =>
        {
            using (directory)
            {
                if (directoryMetadata && parent == target.Root)
                    PublishTopLevel(step);
                if (parent is not null && directoryMetadata)
                    ApplyDirectoryMetadata(directory, step.Node, step.Path);
            }
        }, cancellationToken);
    }

    /// <summary>Records a new non-directory entry: counted, and the link source for later names of its inode.</summary>
    private void Created(RestoreDirectory directory, TreeNode node)
    {
        _files++;
        if (node.HardlinkId != 0)
            _hardlinks.TryAdd(node.HardlinkId, (directory.RelativePath, node.Name));
    }

    private void Link(RestoreDirectory directory, PlanStep step)
    {
        if (!_hardlinks.TryGetValue(step.Node.HardlinkId, out var source))
        {
            Report(step.Path, "hard link not restored: the first name of its inode could not be restored");
            return;
        }
        var (sourceDirectory, owned) = OpenDirectory(source.DirectoryPath);
        try
        {
            directory.CreateHardlink(step.Node.Name, sourceDirectory, source.Name);
            _files++;
        }
        finally
        {
            if (owned)
                sourceDirectory.Dispose();
        }
    }

    /// <summary>
    /// The directory at <paramref name="relativePath"/> below the target: one of the open ones, or reopened
    /// component by component through <see cref="RestoreDirectory.CreateDirectory"/> (which only opens an
    /// existing directory, never following a symlink). <c>Owned</c> says the caller must dispose it.
    /// </summary>
    private (RestoreDirectory Directory, bool Owned) OpenDirectory(byte[] relativePath)
    {
        foreach (var (open, _) in _stack)
        {
            if (open is not null && open.RelativePath.AsSpan().SequenceEqual(relativePath))
                return (open, false);
        }
        var current = target.Root;
        bool owned = false;
        foreach (var component in relativePath.AsSpan().Split((byte)'/'))
        {
            var next = owned ? current.CreateDirectory(relativePath.AsSpan()[component]) : target.EnterTopLevel(relativePath.AsSpan()[component]);
            if (owned)
                current.Dispose();
            (current, owned) = (next, true);
        }
        return (current, owned);
    }

    /// <summary>A finished top-level directory takes its real name (see <see cref="RestoreTarget.EnterTopLevel"/>).</summary>
    private void PublishTopLevel(PlanStep step)
    {
        try
        {
            target.Publish(step.Node.Name);
        }
        catch (IOException e)
        {
            Report(step.Path, $"left in the restore's staging directory: {e.Message}");
        }
    }

    private void ApplyMetadata(RestoreDirectory directory, TreeNode node, byte[] path)
    {
        try
        {
            directory.ApplyMetadata(node.Name, node.Mode, node.Uid, node.Gid, node.MtimeNs, Xattrs(node), setOwner);
        }
        catch (IOException e)
        {
            Report(path, $"metadata not restored: {e.Message}");
        }
    }

    private void ApplyDirectoryMetadata(RestoreDirectory directory, TreeNode node, byte[] path)
    {
        try
        {
            directory.ApplyOwnMetadata(node.Mode, node.Uid, node.Gid, node.MtimeNs, Xattrs(node), setOwner);
        }
        catch (IOException e)
        {
            Report(path, $"metadata not restored: {e.Message}");
        }
    }

    private static IReadOnlyList<(string Name, byte[] Value)> Xattrs(TreeNode node) =>
        node.Xattrs.Count == 0 ? [] : node.Xattrs.Select(x => (x.Name, x.Value)).ToList();

    private void Report(byte[] path, string message)
    {
        lock (_problems)
            _problems.Add($"'{PathBytes.Printable(path)}': {message}");
    }

    public void Dispose()
    {
        _finishing.Dispose();
        // The target itself (index 0) belongs to the caller.
        for (int i = _stack.Count - 1; i > 0; i--)
            _stack[i].Directory?.Dispose();
        _stack.RemoveRange(1, _stack.Count - 1);
    }
}
