using System.Text;
using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

public class RoundTripTests
{
    [Test]
    public async Task Whole_tree_round_trips_names_types_metadata_links_and_holes()
    {
        using var temp = new TempDirectory();
        BuildSource(temp);

        using (var target = temp.OpenTarget("copy"))
        using (var copier = new TreeCopier())
            copier.Copy(temp.Child("source"), target.Root);

        var expected = Describe(temp.Child("source"));
        var actual = Describe(temp.Child("copy"));
        await Assert.That(actual).IsEqualTo(expected);
        await Assert.That(expected).Contains("sparse");
        await Assert.That(Posix.Lstat(temp.Child([.. "copy/dir \n"u8, 0xff, .. "/sparse"u8])).Blocks).IsLessThanOrEqualTo(64L);
    }

    private static void BuildSource(TempDirectory temp)
    {
        const uint rw = 420; // 0644
        using var source = temp.OpenTarget("source");
        var root = source.Root;
        var top = CreateTop(root);
        using (var dir = root.CreateDirectory([.. "dir \n"u8, 0xff]))
        {
            using (var file = dir.CreateFile("sparse"u8))
            {
                var writer = new SparseFileWriter(file);
                writer.Write(5 << 20, "middle"u8);
                writer.Write(20 << 20, []);
                writer.Complete();
            }
            dir.ApplyMetadata("sparse"u8, rw, 1000, 1000, 1_111_111_111_111_111_111, [("user.k", "v"u8.ToArray())], setOwner: true);
            dir.CreateHardlink("hard"u8, root, top);
            dir.CreateFifo("fifo"u8, 384);
            dir.ApplyMetadata("fifo"u8, 384, 5, 6, 42, [], setOwner: true);
        }
        root.ApplyMetadata([.. "dir \n"u8, 0xff], Convert.ToUInt32("2750", 8), 7, 8, 2_000_000_000_000_000_001, [], setOwner: true);
        root.CreateSymlink("dangling"u8, [.. "../../nowhere"u8, 0xfe]);
        root.ApplyMetadata("dangling"u8, 0, 9, 9, 3, [], setOwner: true);
        root.CreateFile(Enumerable.Repeat((byte)'L', 255).ToArray()).Dispose();
    }

    private static byte[] CreateTop(RestoreDirectory root)
    {
        using (var file = root.CreateFile("top"u8))
            RandomAccess.Write(file, "linked content"u8, 0);
        root.ApplyMetadata("top"u8, Convert.ToUInt32("4755", 8), 11, 12, 987_654_321, [], setOwner: true);
        return "top"u8.ToArray();
    }

    /// <summary>One line per entry, in tree order, with everything a restore must reproduce.</summary>
    private static string Describe(byte[] root)
    {
        var lines = new StringBuilder();
        var inodes = new Dictionary<ulong, int>();
        void Walk(byte[] dir, string prefix)
        {
            foreach (var name in Posix.ListDirectory(dir))
            {
                byte[] path = [.. dir, (byte)'/', .. name];
                var s = Posix.Lstat(path);
                string rel = prefix + PathBytes.Printable(name);
                string extra = s.IsSymlink ? "-> " + PathBytes.Printable(Posix.ReadLink(path))
                    : s.IsRegular ? ContentHash(path) : "";
                int group = s.LinkCount > 1 && !s.IsDirectory
                    ? inodes.TryGetValue(s.Inode, out var g) ? g : inodes[s.Inode] = inodes.Count + 1 : 0;
                string xattrs = string.Join(";", Posix.ListXattrs(path).Select(x => x.Name + "=" + Convert.ToHexString(x.Value)));
                lines.AppendLine($"{rel} mode={Convert.ToString(s.Mode, 8)} {s.Uid}:{s.Gid} size={(s.IsDirectory ? 0 : s.Size)} mtime={s.MtimeNs} link#{group} [{xattrs}] {extra}");
                if (s.IsDirectory)
                    Walk(path, rel + "/");
            }
        }
        Walk(root, "");
        return lines.ToString();
    }

    private static string ContentHash(byte[] path)
    {
        using var handle = Posix.OpenRead(path);
        using var stream = new FileStream(handle, FileAccess.Read);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream))[..16];
    }
}
