using System.Security.Cryptography;
using CoStor.Agent.Backup;
using CoStor.Agent.FileSystem;
using CoStor.Agent.Tests.FileSystem;

namespace CoStor.Agent.Tests.Backup;

/// <summary>Likely copies in one backup are found by size and confirmed by the SHA-256 of their bytes.</summary>
public class DuplicateFilesTests
{
    private const int Large = 2_500_000; // several comparison blocks, the last one partial

    [Test]
    public async Task Files_of_one_size_are_paired_with_the_first_and_small_files_never()
    {
        using var temp = new TempDirectory();
        var first = Node(temp, "first", Bytes(Large, seed: 1));
        var copy = Node(temp, "copy", Bytes(Large, seed: 1));
        var sameSize = Node(temp, "same-size", Bytes(Large, seed: 2));
        var other = Node(temp, "other", Bytes(Large + 1, seed: 2));
        var small = Node(temp, "small", Bytes(1000, seed: 3));
        var smallCopy = Node(temp, "small-copy", Bytes(1000, seed: 3));

        var (copies, originals) = DuplicateFiles.Pair([first, copy, sameSize, other, small, smallCopy]);

        await Assert.That(copies.Count).IsEqualTo(2);
        await Assert.That(copies[copy]).IsSameReferenceAs(first);
        await Assert.That(copies[sameSize]).IsSameReferenceAs(first);
        await Assert.That(originals.Single()).IsSameReferenceAs(first);
    }

    [Test]
    public async Task A_copy_matches_the_hash_of_its_originals_bytes_and_gets_its_current_metadata()
    {
        using var temp = new TempDirectory();
        var bytes = Bytes(Large, seed: 1);
        var copy = Node(temp, "copy", bytes);
        File.SetLastWriteTimeUtc(temp.PathText + "/copy", new DateTime(2020, 5, 1, 0, 0, 0, DateTimeKind.Utc));

        var matched = DuplicateFiles.TryMatch(copy, SHA256.HashData(bytes), Large, out var stat);

        await Assert.That(matched).IsTrue().Because("the copy holds the bytes the hash was taken of");
        await Assert.That(stat).IsEqualTo(Posix.Lstat(copy.Path));
    }

    [Test]
    public async Task A_file_that_differs_in_its_last_byte_does_not_match()
    {
        using var temp = new TempDirectory();
        var bytes = Bytes(Large, seed: 1);
        var hash = SHA256.HashData(bytes);
        bytes[^1] ^= 1;
        var copy = Node(temp, "copy", bytes);

        await Assert.That(DuplicateFiles.TryMatch(copy, hash, Large, out _)).IsFalse();
    }

    [Test]
    public async Task A_copy_of_another_size_or_a_vanished_copy_does_not_match()
    {
        using var temp = new TempDirectory();
        var bytes = Bytes(Large, seed: 1);
        var hash = SHA256.HashData(bytes);
        var longer = Node(temp, "longer", [.. bytes, 0]);
        var vanished = Node(temp, "vanished", bytes);
        File.Delete(temp.PathText + "/vanished");

        await Assert.That(DuplicateFiles.TryMatch(longer, hash, Large, out _)).IsFalse();
        await Assert.That(DuplicateFiles.TryMatch(vanished, hash, Large, out _)).IsFalse();
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
