using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Backup;

/// <summary>
/// Copies of one file in a backup — a document saved in two folders, an installer kept twice, the same library
/// shipped with two programs — are read, compressed and hashed once. A file of at least <see cref="MinSize"/>
/// bytes whose size equals an earlier file's (the <em>original</em>) is compared with it byte for byte; if they
/// are equal it takes the original's chunks, otherwise it is read as usual. The comparison reads both files
/// (from the page cache, most of the time), which costs a fraction of chunking, compressing and hashing one.
/// <para>
/// The blob keys are convergent on the compressed payload, so a copy would end up as the same blobs anyway; this
/// only saves the work. An original is trusted as the metadata cache trusts an unchanged file: it must still
/// have the size, mtime, ctime and inode it had when its chunks were made, and it must not have changed while
/// it was read. The copy must not change while it is compared. Anything else, or any error, and the copy is
/// read as usual (which reports its own errors).
/// </para>
/// </summary>
public static class DuplicateFiles
{
    /// <summary>
    /// Smaller files are not paired: sizes below this repeat by chance (thousands of small files share a size
    /// in a typical tree), and a small file is compressed in about the time a comparison costs.
    /// </summary>
    public const long MinSize = 64 * 1024;

    private const int BlockSize = 1 << 20;

    [ThreadStatic] private static byte[]? t_blocks;

    /// <summary>
    /// Pairs each file to read with an original of the same size, if there is one: a file whose chunks are
    /// already known (<paramref name="known"/>, from the metadata cache) or the first of that size among
    /// <paramref name="toRead"/>.
    /// </summary>
    public static Pairing Pair(IEnumerable<SourceNode> toRead, IEnumerable<SourceNode> known)
    {
        var originals = new Dictionary<long, (SourceNode File, bool ToRead)>();
        foreach (var file in known)
            if (file.Stat.Size >= MinSize)
                originals.TryAdd(file.Stat.Size, (file, false));
        var copies = new Dictionary<SourceNode, SourceNode>();
        var originalsToRead = new HashSet<SourceNode>();
        foreach (var file in toRead)
        {
            if (file.Stat.Size < MinSize)
                continue;
            if (!originals.TryGetValue(file.Stat.Size, out var original))
                originals[file.Stat.Size] = (file, true);
            else
            {
                copies[file] = original.File;
                if (original.ToRead)
                    originalsToRead.Add(original.File);
            }
        }
        return new Pairing(copies, originalsToRead);
    }

    /// <summary>
    /// Likely copies (<see cref="CopyOf"/>: copy → original) and the originals among the files to read, whose
    /// chunks the copies wait for (the other originals' chunks are known from the metadata cache).
    /// </summary>
    public sealed record Pairing(Dictionary<SourceNode, SourceNode> CopyOf, HashSet<SourceNode> OriginalsToRead);

    /// <summary>
    /// Whether <paramref name="copy"/> holds exactly the bytes of <paramref name="original"/>, and
    /// <paramref name="original"/> is still the version described by its <see cref="SourceNode.Stat"/>. On true,
    /// returns the copy's metadata as it was compared (the walk's may be older).
    /// </summary>
    public static bool TryMatch(SourceNode copy, SourceNode original, out PosixStat copyStat)
    {
        copyStat = default;
        try
        {
            using var originalHandle = Posix.OpenRead(original.Path);
            using var copyHandle = Posix.OpenRead(copy.Path);
            var originalBefore = Posix.Fstat(originalHandle);
            var copyBefore = Posix.Fstat(copyHandle);
            if (!SameVersion(originalBefore, original.Stat) || !copyBefore.IsRegular || copyBefore.Size != originalBefore.Size
                || !SameBytes(originalHandle, copyHandle, originalBefore.Size))
                return false;
            if (!SameVersion(Posix.Fstat(originalHandle), originalBefore))
                return false;
            var copyAfter = Posix.Fstat(copyHandle);
            if (!SameVersion(copyAfter, copyBefore))
                return false;
            copyStat = copyAfter;
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

    /// <summary>The same version of a file as far as a backup can tell: what the metadata cache compares.</summary>
    private static bool SameVersion(PosixStat a, PosixStat b) =>
        a.IsRegular && b.IsRegular && a.Size == b.Size && a.MtimeNs == b.MtimeNs && a.CtimeNs == b.CtimeNs
        && a.Inode == b.Inode && a.Device == b.Device;

    private static bool SameBytes(Microsoft.Win32.SafeHandles.SafeFileHandle a, Microsoft.Win32.SafeHandles.SafeFileHandle b, long size)
    {
        var blocks = t_blocks ??= GC.AllocateUninitializedArray<byte>(2 * BlockSize);
        using var first = new SizedFileStream(a, size);
        using var second = new SizedFileStream(b, size);
        while (true)
        {
            var n = first.ReadAtLeast(blocks.AsSpan(0, BlockSize), BlockSize, throwOnEndOfStream: false);
            var m = second.ReadAtLeast(blocks.AsSpan(BlockSize, BlockSize), BlockSize, throwOnEndOfStream: false);
            if (n != m || !blocks.AsSpan(0, n).SequenceEqual(blocks.AsSpan(BlockSize, m)))
                return false;
            if (n < BlockSize)
                return first.Position == size;
        }
    }
}
