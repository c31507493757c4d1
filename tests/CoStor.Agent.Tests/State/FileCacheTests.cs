using CoStor.Agent.State;
using CoStor.Agent.Tests.FileSystem;
using CoStor.Core.Blobs;
using CoStor.Core.Trees;

namespace CoStor.Agent.Tests.State;

/// <summary>The metadata cache finds every path it saved, byte for byte, and nothing else.</summary>
public class FileCacheTests
{
    [Test]
    public async Task Saved_entries_are_found_by_their_exact_path_bytes_after_a_reload()
    {
        using var temp = new TempDirectory();
        var cachePath = temp.PathText + "/files.cache";
        byte[] plain = [.. "/home/ann/report.odt"u8];
        byte[] notUtf8 = [.. "/home/ann/caf"u8, 0xE9, 0xFF, .. ".txt"u8];
        byte[] beyondStack = [.. "/deep/"u8, .. Enumerable.Repeat((byte)'d', 3000), .. "/file"u8];
        byte[] tooLong = [.. "/"u8, .. Enumerable.Repeat((byte)'x', 70_000)];
        var entries = new[] { plain, notUtf8, beyondStack, tooLong }.Select((path, i) => (path, Entry(i))).ToList();

        FileCache.Save(cachePath, entries);
        var cache = FileCache.Load(cachePath);

        foreach (var (path, entry) in entries.Take(3))
        {
            await Assert.That(cache.TryGet(path, out var found)).IsTrue().Because($"a {path.Length}-byte path was saved");
            await Assert.That(found.Size).IsEqualTo(entry.Size);
            await Assert.That(found.Inode).IsEqualTo(entry.Inode);
            await Assert.That(found.Content.Single()).IsEqualTo(entry.Content.Single());
        }
        // A path too long for the record's 16-bit length is left out rather than written wrong.
        await Assert.That(cache.TryGet(tooLong, out _)).IsFalse();
        await Assert.That(cache.TryGet("/home/ann/report.od"u8, out _)).IsFalse();
        await Assert.That(cache.TryGet([.. "/home/ann/caf"u8, 0xC3, 0xA9, .. ".txt"u8], out _)).IsFalse().Because("other bytes that spell the same name in UTF-8 are another path");
    }

    [Test]
    public async Task A_missing_or_foreign_cache_is_empty()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.PathText + "/foreign", "not a cache");

        await Assert.That(FileCache.Load(temp.PathText + "/missing").TryGet("/a"u8, out _)).IsFalse();
        await Assert.That(FileCache.Load(temp.PathText + "/foreign").TryGet("/a"u8, out _)).IsFalse();
    }

    private static CachedFile Entry(int i)
    {
        var id = BlobId.Read(Enumerable.Repeat((byte)(i + 1), 32).ToArray());
        var key = BlobKey.Read(Enumerable.Repeat((byte)(i + 100), 32).ToArray());
        return new CachedFile(1000 + i, 2000 + i, 3000 + i, (ulong)(4000 + i), [new ChunkRef(new BlobRef(id, key), 1000 + i)]);
    }
}
