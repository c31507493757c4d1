using System.Runtime.InteropServices;
using System.Text;
using CoStor.Agent.FileSystem;
using CoStor.Core;
using CoStor.Core.Trees;

namespace CoStor.Agent.Backup;

/// <summary>
/// Walks the paths to back up into an in-memory tree that mirrors their absolute paths (backing up
/// /home/ann gives / → home → ann; intermediate directories carry their real metadata but only the
/// selected children). Symlinks are recorded, never followed. Entries that vanish or cannot be listed are
/// reported and left out. Children keep the order the directory listed them in, however many threads describe them.
/// Mount points are kept as directories, but the contents of kernel file systems (<see cref="KernelFileSystems"/>)
/// are never walked, nor, with <paramref name="oneFileSystem"/>, those of any file system mounted below a path
/// to back up; nor the contents of the agent's own state directory (<paramref name="ownState"/>: device and
/// inode), which change while a backup reads them and hold the agent's credential.
/// </summary>
public sealed class SourceWalker(BackupReport report, bool oneFileSystem = false, (ulong Device, ulong Inode)? ownState = null)
{
    public SourceNode Walk(IReadOnlyList<string> paths)
    {
        var root = new SourceNode([], "/"u8.ToArray(), Posix.Lstat("/"u8)) { Children = [] };
        foreach (var path in paths)
        {
            var full = System.IO.Path.GetFullPath(path);
            var components = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var parent = root;
            var current = new StringBuilder();
            for (var i = 0; i < components.Length; i++)
            {
                current.Append('/').Append(components[i]);
                var name = Encoding.UTF8.GetBytes(components[i]);
                var existing = parent.Children!.FirstOrDefault(c => c.Name.AsSpan().SequenceEqual(name));
                if (i == components.Length - 1)
                {
                    if (existing is not null)
                        parent.Children!.Remove(existing);
                    var stat = Posix.Lstat(Encoding.UTF8.GetBytes(current.ToString()));
                    var node = new SourceNode(name, Encoding.UTF8.GetBytes(current.ToString()), stat);
                    Describe(node, parent: null);
                    parent.Children!.Add(node);
                    break;
                }
                if (existing is null)
                {
                    var stat = Posix.Lstat(Encoding.UTF8.GetBytes(current.ToString()));
                    if (!stat.IsDirectory)
                        throw new Agent.State.AgentException($"{current} is not a directory");
                    existing = new SourceNode(name, Encoding.UTF8.GetBytes(current.ToString()), stat) { Children = [] };
                    existing.Xattrs = ReadXattrs(existing.Path);
                    parent.Children!.Add(existing);
                }
                parent = existing;
            }
            if (components.Length == 0)
            {
                root.Children = null;
                Describe(root, parent: null);
            }
        }
        return root;
    }

    /// <summary>
    /// Fills in symlink target, xattrs and (for directories) the children, recursively. <paramref name="parent"/> is
    /// null for a path to back up.
    /// </summary>
    private void Describe(SourceNode node, SourceNode? parent)
    {
        try
        {
            if (node.Stat.IsSymlink)
                node.LinkTarget = Posix.ReadLink(node.Path);
            node.Xattrs = node.NoXattrs ? [] : ReadXattrs(node.Path);
            if (node.Stat.IsDirectory && WhyContentsLeftOut(node, parent) is { } reason)
            {
                report.Skipped(node.Path, reason);
                node.Children = [];
            }
            else if (node.Stat.IsDirectory)
                node.Children = ListChildren(node);
            else if (node.Type is null)
            {
                report.Skipped(node.Path, "device or socket: not backed up");
                node.Omitted = true;
            }
        }
        catch (PosixException e)
        {
            report.Unreadable(node.Path, e.Message);
            node.Omitted = true;
        }
    }

    /// <summary>
    /// Lists a directory and describes its entries, on as many threads as there are cores: a walk is mostly
    /// system calls, and describing subdirectories in parallel halves the time before the first file is read.
    /// </summary>
    private List<SourceNode> ListChildren(SourceNode directory)
    {
        var children = new List<SourceNode>();
        Posix.VisitDirectoryWithXattrProbe(directory.Path, (name, errno, in stat, noXattrs) =>
        {
            var path = Join(directory.Path, name);
            if (errno != 0)
                report.Unreadable(path, errno == Errno.ENOENT ? "vanished during the backup" : $"lstat: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
            else
                children.Add(new SourceNode(name, path, stat) { NoXattrs = noXattrs });
        });
        children.Sort(static (a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        if (children.Any(c => c.Stat.IsDirectory))
            Parallel.ForEach(children, Parallelism.AllCores, child => Describe(child, directory));
        else
            children.ForEach(child => Describe(child, directory));
        children.RemoveAll(c => c.Omitted);
        return children;
    }

    /// <summary>
    /// Why a directory's contents are left out of the backup, or null to walk them: the agent's state directory;
    /// a mount point (a path to back up, or a directory on another device than its parent) of a kernel file
    /// system always, of any other file system mounted below a path to back up with --one-file-system.
    /// </summary>
    private string? WhyContentsLeftOut(SourceNode directory, SourceNode? parent)
    {
        if (ownState == (directory.Stat.Device, directory.Stat.Inode))
            return "the agent's own state: contents not backed up";
        if (parent is not null && parent.Stat.Device == directory.Stat.Device)
            return null;
        // Checked first: it needs no statfs, which a mount this user may not enter (another user's FUSE) refuses.
        if (parent is not null && oneFileSystem)
            return "another file system (--one-file-system): contents not backed up";
        var type = Posix.FileSystemType(directory.Path);
        var kernel = KernelFileSystems.NameOf(type)
            ?? (type == KernelFileSystems.TmpfsMagic && _devtmpfs.Value.Contains(Encoding.Latin1.GetString(directory.Path)) ? "devtmpfs" : null);
        return kernel is null ? null : $"kernel file system ({kernel}): contents not backed up";
    }

    // Read once per walk, at the first tmpfs mount point met.
    private readonly Lazy<HashSet<string>> _devtmpfs = new(() => MountTable.MountPointsOfType("devtmpfs"));


    private static IReadOnlyList<Xattr> ReadXattrs(byte[] path) =>
        Posix.ListXattrs(path) is { Count: > 0 } list ? list.Select(x => new Xattr(x.Name, x.Value)).ToList() : [];

    public static byte[] Join(byte[] directory, byte[] name)
    {
        var separator = directory.Length > 0 && directory[^1] == (byte)'/' ? 0 : 1;
        var path = new byte[directory.Length + separator + name.Length];
        directory.CopyTo(path, 0);
        if (separator == 1)
            path[directory.Length] = (byte)'/';
        name.CopyTo(path, directory.Length + separator);
        return path;
    }
}
