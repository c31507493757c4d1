using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

/// <summary>
/// Test-only stand-in for backup + restore: walks a source tree with <see cref="Posix"/> and recreates it
/// with <see cref="RestoreDirectory"/>, the way the agent will (data ranges for sparse content, hardlinks by
/// (device, inode), directory metadata after children).
/// </summary>
public sealed class TreeCopier : IDisposable
{
    private readonly Dictionary<(ulong, ulong), (RestoreDirectory Dir, byte[] Name)> _linked = [];
    private readonly List<RestoreDirectory> _open = [];

    public void Copy(byte[] sourceDir, RestoreDirectory target)
    {
        foreach (var name in Posix.ListDirectory(sourceDir))
        {
            byte[] path = [.. sourceDir, (byte)'/', .. name];
            var stat = Posix.Lstat(path);
            if (!stat.IsDirectory && stat.LinkCount > 1 && _linked.TryGetValue((stat.Device, stat.Inode), out var first))
            {
                target.CreateHardlink(name, first.Dir, first.Name);
                continue;
            }
            if (stat.IsDirectory)
            {
                var child = target.CreateDirectory(name);
                _open.Add(child);
                Copy(path, child);
            }
            else if (stat.IsSymlink)
                target.CreateSymlink(name, Posix.ReadLink(path));
            else if (stat.IsFifo)
                target.CreateFifo(name, stat.Permissions);
            else
                CopyFile(path, stat, target, name);
            if (!stat.IsDirectory && stat.LinkCount > 1)
                _linked[(stat.Device, stat.Inode)] = (target, name);
            // Children are complete here, so directory metadata goes last.
            target.ApplyMetadata(name, stat.Permissions, stat.Uid, stat.Gid, stat.MtimeNs, Posix.ListXattrs(path), setOwner: true);
        }
    }

    private static void CopyFile(byte[] path, PosixStat stat, RestoreDirectory target, byte[] name)
    {
        using var source = Posix.OpenRead(path);
        using var destination = target.CreateFile(name);
        var writer = new SparseFileWriter(destination);
        foreach (var (offset, length) in Posix.GetDataRanges(source, stat.Size))
        {
            var buffer = new byte[length];
            int read = RandomAccess.Read(source, buffer, offset);
            writer.Write(offset, buffer.AsSpan(0, read));
        }
        writer.Write(stat.Size, []);
        writer.Complete();
    }

    public void Dispose()
    {
        foreach (var dir in _open)
            dir.Dispose();
    }
}
