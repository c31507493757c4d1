using System.Security.Cryptography;
using CoStor.Agent.Backup;
using CoStor.Agent.FileSystem;
using CoStor.Agent.State;
using CoStor.Agent.Tests.FileSystem;
using CoStor.Core.Blobs;
using CoStor.Core.Trees;

namespace CoStor.Agent.Tests.Backup;

/// <summary>What a backup reads, and in which order, decided from the walk and the metadata cache.</summary>
public class BackupPlanTests
{
    private static readonly ChunkRef Chunk = new(new BlobRef(BlobId.Compute([1]), BlobKey.Read(new byte[BlobKey.Length])), 1);

    [Test]
    public async Task An_unchanged_file_whose_chunks_were_acknowledged_takes_its_cached_chunks_and_is_not_read()
    {
        using var temp = new TempDirectory();
        var unchanged = Node(temp, "unchanged", 100);
        var cache = Cache(temp, (unchanged, Cached(unchanged)));

        var plan = BackupPlan.Make([unchanged], cache, new HashSet<BlobId> { Chunk.Ref.Id });

        await Assert.That(plan.ReadOrder).IsEmpty();
        await Assert.That(unchanged.Content).IsEquivalentTo([Chunk]);
    }

    [Test]
    public async Task A_cached_file_is_read_again_when_it_changed_or_a_chunk_was_never_acknowledged()
    {
        using var temp = new TempDirectory();
        var changed = Node(temp, "changed", 100);
        var unacknowledged = Node(temp, "unacknowledged", 100);
        var unknown = Node(temp, "unknown", 100);
        var cache = Cache(temp, (changed, Cached(changed) with { MtimeNs = changed.Stat.MtimeNs - 1 }), (unacknowledged, Cached(unacknowledged)));

        var plan = BackupPlan.Make([changed, unacknowledged, unknown], cache, new HashSet<BlobId>());

        await Assert.That(plan.ReadOrder).IsEquivalentTo([changed, unacknowledged, unknown]);
        await Assert.That(unacknowledged.Content).IsEmpty();
    }

    [Test]
    public async Task Further_names_of_a_hard_link_are_not_read_and_follow_the_first()
    {
        using var temp = new TempDirectory();
        var first = Node(temp, "first", 100);
        Link(temp, "first", "second");
        var firstAgain = Lstat(temp, "first");
        var second = Lstat(temp, "second");

        var plan = BackupPlan.Make([firstAgain, second], FileCache.Empty(), new HashSet<BlobId>());

        await Assert.That(plan.ReadOrder).IsEquivalentTo([firstAgain]);
        await Assert.That(plan.HardlinkFollowers.Single()).IsEqualTo((second, firstAgain));
        await Assert.That(first.HardlinkId).IsEqualTo(0UL); // its stat was taken before the link existed
    }

    [Test]
    public async Task Files_are_read_largest_first_and_likely_copies_after_every_other_file()
    {
        using var temp = new TempDirectory();
        var small = Node(temp, "small", 10);
        var original = Node(temp, "original", 200_000, seed: 7);
        var copy = Node(temp, "copy", 200_000, seed: 7);
        var large = Node(temp, "large", 300_000);
        var tiny = Node(temp, "tiny", 1);

        var plan = BackupPlan.Make([small, original, copy, large, tiny], FileCache.Empty(), new HashSet<BlobId>());

        await Assert.That(plan.ReadOrder).IsEquivalentTo([large, original, small, tiny, copy], TUnit.Assertions.Enums.CollectionOrdering.Matching);
        await Assert.That(plan.CopyOf[copy]).IsSameReferenceAs(original);
        await Assert.That(plan.Originals.Single()).IsSameReferenceAs(original);
        await Assert.That(plan.BytesToRead).IsEqualTo(700_011L);
    }

    private static SourceNode Node(TempDirectory temp, string name, int length, int seed = 0)
    {
        var bytes = seed == 0 ? RandomNumberGenerator.GetBytes(length) : new Random(seed).GetItems<byte>(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), length);
        File.WriteAllBytes(temp.PathText + "/" + name, bytes);
        return Lstat(temp, name);
    }

    private static SourceNode Lstat(TempDirectory temp, string name)
    {
        var path = temp.Child(name);
        return new SourceNode(System.Text.Encoding.UTF8.GetBytes(name), path, Posix.Lstat(path));
    }

    private static void Link(TempDirectory temp, string existing, string name)
    {
        using var process = System.Diagnostics.Process.Start("ln", [temp.PathText + "/" + existing, temp.PathText + "/" + name]);
        process.WaitForExit();
    }

    private static CachedFile Cached(SourceNode file) => new(file.Stat.Size, file.Stat.MtimeNs, file.Stat.CtimeNs, file.Stat.Inode, [Chunk]);

    private static FileCache Cache(TempDirectory temp, params (SourceNode File, CachedFile Cached)[] entries)
    {
        var path = temp.PathText + "/.cache";
        FileCache.Save(path, entries.Select(e => (e.File.Path, e.Cached)));
        return FileCache.Load(path);
    }
}
