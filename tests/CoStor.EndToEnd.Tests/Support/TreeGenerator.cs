using System.Text;
using CoStor.Agent.FileSystem;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// Builds a source tree with every case a restore must reproduce: regular, empty, multi-chunk and sparse
/// files, empty directories, symlinks (dangling too), hardlinks, modes, ns mtimes, owners, xattrs, names with
/// spaces, newlines, non-UTF-8 bytes and 255-byte components, and a deep tree.
/// </summary>
public static class TreeGenerator
{
    public static void Build(string root, long sparseSize = 64L << 20)
    {
        Directory.CreateDirectory(root);
        using var target = RestoreTarget.Open(Encoding.UTF8.GetBytes(root));
        var dir = target.Root;
        var random = new Random(42);

        Write(dir, "small.txt"u8, Encoding.UTF8.GetBytes("hello, school\n"));
        Write(dir, "empty"u8, []);
        var big = new byte[9 << 20];
        random.NextBytes(big);
        Write(dir, "random-9MiB.bin"u8, big);
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => $"line {i} of a compressible log\n")));
        Write(dir, "log.txt"u8, text);
        Write(dir, "name with spaces"u8, "spaces"u8.ToArray());
        Write(dir, "new\nline"u8, "newline"u8.ToArray());
        Write(dir, [0x66, 0xff, 0xfe, 0x2e, 0x62], "not utf-8"u8.ToArray());
        Write(dir, Enumerable.Repeat((byte)'x', 255).ToArray(), "long name"u8.ToArray());

        using (var handle = dir.CreateFile("sparse.img"u8))
        {
            var writer = new SparseFileWriter(handle);
            writer.Write(1 << 20, "data in the middle"u8);
            writer.Write(sparseSize - 4096, Enumerable.Repeat((byte)7, 4096).ToArray());
            writer.Complete();
        }
        dir.ApplyMetadata("sparse.img"u8, 0x1a4, 0, 0, 1_600_000_000_123_456_789, [], setOwner: false);

        using (var empty = dir.CreateDirectory("empty-dir"u8)) { }
        dir.ApplyMetadata("empty-dir"u8, 0x1ed, 0, 0, 1_500_000_000_000_000_001, [], setOwner: false);
        dir.CreateSymlink("link-to-small"u8, "small.txt"u8);
        dir.CreateSymlink("dangling"u8, "/nonexistent/target"u8);
        dir.CreateHardlink("hardlink-to-log"u8, dir, "log.txt"u8);
        dir.CreateFifo("fifo"u8, 0x1a4);

        dir.ApplyMetadata("small.txt"u8, 0x1a0, 1234, 5678, 1_700_000_000_987_654_321, [("user.comment", "kept"u8.ToArray())], setOwner: true);
        dir.ApplyMetadata("random-9MiB.bin"u8, 0x1ff, 0, 0, 1_650_000_000_000_000_000, [], setOwner: false);
        dir.ApplyMetadata("log.txt"u8, 0x5a4, 0, 0, 1_690_000_000_000_000_007, [("user.a", [1, 2, 3]), ("user.b", [])], setOwner: false);

        var current = dir.CreateDirectory("deep"u8);
        var opened = new List<RestoreDirectory> { current };
        for (var level = 0; level < 40; level++)
        {
            current = current.CreateDirectory(Encoding.UTF8.GetBytes($"d{level}"));
            opened.Add(current);
        }
        Write(current, "bottom.txt"u8, "at the bottom"u8.ToArray());
        foreach (var directory in opened)
            directory.Dispose();
    }

    private static void Write(RestoreDirectory dir, ReadOnlySpan<byte> name, byte[] content)
    {
        using var handle = dir.CreateFile(name);
        RandomAccess.Write(handle, content, 0);
        dir.ApplyMetadata(name, 0x1a4, 0, 0, 1_600_000_000_000_000_000, [], setOwner: false);
    }
}
