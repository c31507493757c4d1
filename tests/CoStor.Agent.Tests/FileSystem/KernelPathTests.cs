using System.Text;
using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

/// <summary>Paths of PATH_MAX (4096) bytes or more reach the kernel through an open parent directory.</summary>
public class KernelPathTests
{
    [Test]
    public async Task A_short_path_is_passed_as_it_is()
    {
        using var path = KernelPath.Of("/tmp/a b"u8);
        await Assert.That(path.CString).IsEquivalentTo("/tmp/a b\0"u8.ToArray());
    }

    [Test]
    public async Task Entries_below_a_path_over_PATH_MAX_are_stated_read_listed_and_opened()
    {
        using var temp = new TempDirectory();
        var deepest = CreateDeepTree(temp, depth: 25); // 25 × 201 bytes below the temp directory: over 5,000
        var file = (byte[])[.. deepest, .. "/note.txt"u8];
        var link = (byte[])[.. deepest, .. "/link"u8];

        await Assert.That(file.Length).IsGreaterThan(4096);
        await Assert.That(Posix.Lstat(file).Size).IsEqualTo(4L);
        await Assert.That(Posix.Stat(link).Size).IsEqualTo(4L);
        await Assert.That(Posix.ReadLink(link)).IsEquivalentTo("note.txt"u8.ToArray());
        await Assert.That(Posix.ListXattrs(file).Single().Name).IsEqualTo("user.deep");
        using (var handle = Posix.OpenRead(file))
            await Assert.That(RandomAccess.GetLength(handle)).IsEqualTo(4L);
        var names = new List<string>();
        Posix.VisitDirectory(deepest, statEntries: true, (name, _, in _) => names.Add(Encoding.UTF8.GetString(name)));
        await Assert.That(names.Order()).IsEquivalentTo(["link", "note.txt"]);
    }

    [Test]
    public async Task A_long_relative_path_is_passed_as_it_is_and_refused_by_the_kernel()
    {
        var relative = Encoding.ASCII.GetBytes(string.Join('/', Enumerable.Range(0, 25).Select(i => $"r{i:D2}".PadRight(200, 'x'))));

        using (var path = KernelPath.Of(relative))
            await Assert.That(path.CString.Length).IsEqualTo(relative.Length + 1);
        await Assert.That(() => Posix.Lstat(relative)).Throws<PosixException>().WithMessageContaining("File name too long");
    }

    [Test]
    public async Task A_missing_directory_in_a_long_path_is_a_clear_error()
    {
        using var temp = new TempDirectory();
        var missing = (byte[])[.. temp.Path, .. Enumerable.Range(0, 25).SelectMany(i => "/"u8.ToArray().Concat(Encoding.ASCII.GetBytes($"m{i:D2}".PadRight(200, 'x'))))];

        await Assert.That(() => Posix.Lstat(missing)).Throws<PosixException>().WithMessageContaining("No such file or directory");
    }

    /// <summary>Nested directories of 200-byte names, made through descriptors (no full path is ever passed); returns the deepest's path.</summary>
    private static byte[] CreateDeepTree(TempDirectory temp, int depth)
    {
        using var target = temp.OpenTarget("deep");
        var path = new List<byte>(temp.Child("deep"));
        var directories = new List<RestoreDirectory>();
        try
        {
            var current = target.Root;
            for (var i = 0; i < depth; i++)
            {
                var name = Encoding.ASCII.GetBytes($"d{i:D2}".PadRight(200, 'x'));
                current = current.CreateDirectory(name);
                directories.Add(current);
                path.AddRange([(byte)'/', .. name]);
            }
            using (var handle = current.CreateFile("note.txt"u8))
                RandomAccess.Write(handle, "deep"u8, 0);
            current.ApplyMetadata("note.txt"u8, 0x1a4, 0, 0, 1_700_000_000_000_000_000, [("user.deep", "yes"u8.ToArray())], setOwner: false);
            current.CreateSymlink("link"u8, "note.txt"u8);
        }
        finally
        {
            foreach (var directory in directories)
                directory.Dispose();
        }
        return [.. path];
    }
}
