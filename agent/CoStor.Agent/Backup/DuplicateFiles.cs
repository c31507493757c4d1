using System.Security.Cryptography;
using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Backup;

/// <summary>
/// Copies of one file in a backup — a document saved in two folders, an installer kept twice, the same library
/// shipped with two programs — are chunked, compressed and hashed once. Before reading, files of at least
/// <see cref="MinSize"/> bytes are paired by size: the first of a size is the <em>original</em>, read as usual
/// while the SHA-256 of the bytes it chunks is taken alongside; the others are <em>likely copies</em>, read
/// after every other file. A likely copy is read once through SHA-256 only; if its bytes hash to the original's,
/// it takes the original's chunks, otherwise it is read as usual.
/// <para>
/// Why: the blob keys are convergent on the compressed payload, so the agent has to compress a chunk before it
/// can tell that the appliance holds it already, and a copy cost the full compression only to be dropped as a
/// duplicate. SHA-256 runs about four times as fast as compressing and hashing the payload. The hash is of the
/// very bytes the original's chunks were made from, so a copy matches what was stored even if the original
/// changes later; the copy itself must not change while it is hashed. Nothing is read twice but a likely copy
/// that turns out different (usually from the page cache, right after its hash).
/// </para>
/// </summary>
public static class DuplicateFiles
{
    /// <summary>
    /// Smaller files are not paired: sizes below this repeat by chance (thousands of small files share a size
    /// in a typical tree), and a small file is compressed in about the time a hash costs.
    /// </summary>
    public const long MinSize = 64 * 1024;

    private const int BlockSize = 1 << 20;

    [ThreadStatic] private static byte[]? t_block;

    /// <summary>
    /// Likely copies (<see cref="CopyOf"/>: copy → original, the first file of its size) and the originals, whose
    /// contents are hashed as they are read.
    /// </summary>
    public sealed record Pairing(Dictionary<SourceNode, SourceNode> CopyOf, HashSet<SourceNode> Originals);

    /// <summary>Pairs each file of at least <see cref="MinSize"/> bytes with the first file of its size, if it is not the first.</summary>
    public static Pairing Pair(IEnumerable<SourceNode> toRead)
    {
        var firstOfSize = new Dictionary<long, SourceNode>();
        var copies = new Dictionary<SourceNode, SourceNode>();
        var originals = new HashSet<SourceNode>();
        foreach (var file in toRead)
        {
            if (file.Stat.Size < MinSize)
                continue;
            if (firstOfSize.TryAdd(file.Stat.Size, file))
                continue;
            var original = firstOfSize[file.Stat.Size];
            copies[file] = original;
            originals.Add(original);
        }
        return new Pairing(copies, originals);
    }

    /// <summary>
    /// Whether <paramref name="copy"/> now holds exactly the bytes whose SHA-256 is <paramref name="contentHash"/>
    /// (<paramref name="size"/> of them) and did not change while it was hashed. On true, returns its metadata as
    /// it was hashed (the walk's may be older). Any error is a false: the copy is then read as usual, which
    /// reports it.
    /// </summary>
    public static bool TryMatch(SourceNode copy, ReadOnlySpan<byte> contentHash, long size, out PosixStat copyStat)
    {
        copyStat = default;
        try
        {
            using var handle = Posix.OpenRead(copy.Path);
            var before = Posix.Fstat(handle);
            if (!before.IsRegular || before.Size != size)
                return false;
            Span<byte> hash = stackalloc byte[32];
            if (!TryHash(handle, size, hash) || !hash.SequenceEqual(contentHash))
                return false;
            var after = Posix.Fstat(handle);
            if (after.Size != before.Size || after.MtimeNs != before.MtimeNs || after.CtimeNs != before.CtimeNs)
                return false;
            copyStat = after;
            return true;
        }
        catch (PosixException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 of the first <paramref name="size"/> bytes; false if the file ends before.</summary>
    private static bool TryHash(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long size, Span<byte> hash)
    {
        var block = t_block ??= GC.AllocateUninitializedArray<byte>(BlockSize);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stream = new SizedFileStream(handle, size);
        long total = 0;
        int n;
        while ((n = stream.ReadAtLeast(block, BlockSize, throwOnEndOfStream: false)) > 0)
        {
            sha.AppendData(block, 0, n);
            total += n;
        }
        sha.GetHashAndReset(hash);
        return total == size;
    }
}
