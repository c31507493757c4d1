using CoStor.Agent.Backup;
using CoStor.Agent.FileSystem;
using CoStor.Agent.Tests.FileSystem;

namespace CoStor.Agent.Tests.Backup;

/// <summary>Copies of a file in one backup are found by size and confirmed byte for byte.</summary>
public class DuplicateFilesTests
{
    private const int Large = 2_500_000; // several comparison blocks, the last one partial

    [Test]
    public async Task Files_of_one_size_are_paired_with_the_first_and_small_files_never()
    {
        using var temp = new TempDirectory();
        var first = Node(temp, "first", Bytes(Large, seed: 1));
        var copy = Node(temp, "copy", Bytes(Large, seed: 1));
        var other = Node(temp, "other", Bytes(Large + 1, seed: 2));
        var small = Node(temp, "small", Bytes(1000, seed: 3));
        var smallCopy = Node(temp, "small-copy", Bytes(1000, seed: 3));

        var (copies, originalsToRead) = DuplicateFiles.Pair([first, copy, other, small, smallCopy], []);

        await Assert.That(copies.Count).IsEqualTo(1);
        await Assert.That(copies[copy]).IsSameReferenceAs(first);
        await Assert.That(originalsToRead.Single()).IsSameReferenceAs(first);
    }

    [Test]
    public async Task A_file_known_from_the_metadata_cache_is_the_original_and_is_not_read_again()
    {
        using var temp = new TempDirectory();
        var known = Node(temp, "known", Bytes(Large, seed: 1));
        var copy = Node(temp, "copy", Bytes(Large, seed: 1));
        var another = Node(temp, "another", Bytes(Large, seed: 1));

        var (copies, originalsToRead) = DuplicateFiles.Pair([copy, another], [known]);

        await Assert.That(copies[copy]).IsSameReferenceAs(known);
        await Assert.That(copies[another]).IsSameReferenceAs(known);
        await Assert.That(originalsToRead).IsEmpty();
    }

    [Test]
    public async Task Equal_files_match_and_the_copy_gets_its_current_metadata()
    {
        using var temp = new TempDirectory();
        var original = Node(temp, "original", Bytes(Large, seed: 1));
        var copy = Node(temp, "copy", Bytes(Large, seed: 1));
        File.SetLastWriteTimeUtc(temp.PathText + "/copy", new DateTime(2020, 5, 1, 0, 0, 0, DateTimeKind.Utc));

        var matched = DuplicateFiles.TryMatch(copy, original, out var stat);

        await Assert.That(matched).IsTrue().Because("the two files hold the same bytes");
        await Assert.That(stat).IsEqualTo(Posix.Lstat(copy.Path));
    }

    [Test]
    public async Task Files_that_differ_in_their_last_byte_do_not_match()
    {
        using var temp = new TempDirectory();
        var bytes = Bytes(Large, seed: 1);
        var original = Node(temp, "original", bytes);
        bytes[^1] ^= 1;
        var copy = Node(temp, "copy", bytes);

        await Assert.That(DuplicateFiles.TryMatch(copy, original, out _)).IsFalse();
    }

    [Test]
    public async Task An_original_changed_since_its_chunks_were_made_is_not_trusted()
    {
        using var temp = new TempDirectory();
        var original = Node(temp, "original", Bytes(Large, seed: 1));
        var copy = Node(temp, "copy", Bytes(Large, seed: 2));
        // The original now holds the copy's bytes, but its chunks were made from the old ones.
        File.WriteAllBytes(temp.PathText + "/original", Bytes(Large, seed: 2));

        await Assert.That(DuplicateFiles.TryMatch(copy, original, out _)).IsFalse();
    }

    [Test]
    public async Task A_copy_of_another_size_or_a_vanished_original_does_not_match()
    {
        using var temp = new TempDirectory();
        var original = Node(temp, "original", Bytes(Large, seed: 1));
        var copy = Node(temp, "copy", Bytes(Large, seed: 1));
        File.AppendAllText(temp.PathText + "/copy", "more");

        await Assert.That(DuplicateFiles.TryMatch(copy, original, out _)).IsFalse();

        File.Delete(temp.PathText + "/original");
        var equalCopy = Node(temp, "equal-copy", Bytes(Large, seed: 1));
        await Assert.That(DuplicateFiles.TryMatch(equalCopy, original, out _)).IsFalse();
    }

    private static SourceNode Node(TempDirectory temp, string name, byte[] contents)
    {
        File.WriteAllBytes(temp.PathText + "/" + name, contents);
        var path = temp.Child(name);
        return new SourceNode(System.Text.Encoding.UTF8.GetBytes(name), path, Posix.Lstat(path));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
