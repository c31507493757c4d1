using CoStor.Agent.FileSystem;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Agent.Restore;

internal sealed partial class RestoreRun
{
    /// <summary>
    /// Creates the file and streams its chunks into it through <see cref="SparseFileWriter"/> (all-zero
    /// blocks stay holes; the final length is set with ftruncate), one chunk in memory at a time. The file's
    /// chunks are always drawn from the pipeline, even when the file cannot be written, to keep in step.
    /// A file is counted only when its length matches the tree's size and every chunk verified.
    /// </summary>
    private async ValueTask RestoreFileAsync(PlanStep step, CancellationToken cancellationToken)
    {
        var node = step.Node;
        var directory = Current;
        SafeFileHandle? handle = null;
        NewFileState created = default;
        string? failure = null;
        if (directory is not null)
        {
            try
            {
                // Created with its own permission bits, so that where the umask keeps them whole no fchmod is needed.
                handle = directory.CreateFile(node.Name, node.Mode & 0x1FF, setOwner ? (node.Uid, node.Gid) : null, out created);
            }
            catch (IOException e)
            {
                failure = e.Message;
            }
        }
        var written = false;
        try
        {
            var writer = handle is null ? null : new SparseFileWriter(handle);
            for (int i = 0; i < node.Content.Count; i++)
            {
                var chunk = await chunks.NextAsync(cancellationToken);
                if (writer is null || failure is not null)
                    continue;
                if (chunk.Error is not null)
                {
                    failure = chunk.Error;
                    continue;
                }
                failure = Write(writer, chunk.Plain.Span);
            }
            if (writer is not null && failure is null)
                failure = Complete(writer, node.Size);
            if (directory is not null && failure is null)
            {
                Created(directory, node);
                _bytes += node.Size;
                var finishing = handle;
                await _finishing.EnqueueAsync(() =>
                {
                    using (finishing)
                        ApplyFileMetadata(finishing!, node, step.Path, created);
                }, cancellationToken);
                written = true;
            }
        }
        finally
        {
            if (!written)
                handle?.Dispose();
        }
        if (directory is null)
            return;
        progress.FileDone();
        if (failure is not null)
            Report(step.Path, failure);
    }

    private void ApplyFileMetadata(SafeFileHandle file, CoStor.Core.Trees.TreeNode node, byte[] path, NewFileState created)
    {
        try
        {
            OpenFileMetadata.Apply(file, path, node.Mode, node.Uid, node.Gid, node.MtimeNs, Xattrs(node), setOwner, created);
        }
        catch (IOException e)
        {
            Report(path, $"metadata not restored: {e.Message}");
        }
    }

    private string? Write(SparseFileWriter writer, ReadOnlySpan<byte> plain)
    {
        try
        {
            writer.Write(plain);
            progress.AddBytes(plain.Length);
            return null;
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }

    private static string? Complete(SparseFileWriter writer, long size)
    {
        if (writer.Position != size)
            return $"content is {writer.Position} bytes, the tree says {size}";
        try
        {
            writer.Complete();
            return null;
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
