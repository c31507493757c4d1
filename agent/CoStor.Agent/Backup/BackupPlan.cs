using CoStor.Agent.State;
using CoStor.Core.Blobs;

namespace CoStor.Agent.Backup;

/// <summary>
/// What a backup reads, decided before any file is opened. A file whose size, mtime, ctime and inode match the
/// metadata cache, and all of whose cached chunks the appliance acknowledged, takes its cached chunks and is
/// not read; a further name of a hard-linked inode takes its first name's content after the read; every other
/// file is read. Read order: largest first (big files are the long single-threaded jobs, so starting them early
/// keeps every core busy to the end), and likely copies of another file (<see cref="DuplicateFiles"/>) after
/// every other file, so their original has been read, or is being read, when they are matched with it.
/// </summary>
public sealed class BackupPlan
{
    private BackupPlan(List<SourceNode> readOrder, DuplicateFiles.Pairing pairing, List<(SourceNode Follower, SourceNode Leader)> followers)
    {
        ReadOrder = readOrder;
        CopyOf = pairing.CopyOf;
        Originals = pairing.Originals;
        HardlinkFollowers = followers;
    }

    /// <summary>The files to read, in the order to start them.</summary>
    public IReadOnlyList<SourceNode> ReadOrder { get; }

    /// <summary>Likely copies (read after everything else) and the file each may be a copy of.</summary>
    public IReadOnlyDictionary<SourceNode, SourceNode> CopyOf { get; }

    /// <summary>Files that some likely copy may take its chunks from (their content is hashed while read).</summary>
    public IReadOnlySet<SourceNode> Originals { get; }

    /// <summary>Further names of hard-linked inodes, with the name whose content they take.</summary>
    public IReadOnlyList<(SourceNode Follower, SourceNode Leader)> HardlinkFollowers { get; }

    public long BytesToRead => ReadOrder.Sum(f => f.Stat.Size);

    /// <summary>Plans <paramref name="files"/>; files left unread get their cached content here.</summary>
    public static BackupPlan Make(IReadOnlyList<SourceNode> files, FileCache cache, IReadOnlySet<BlobId> acknowledged)
    {
        var toRead = new List<SourceNode>(files.Count);
        var leaders = new Dictionary<ulong, SourceNode>();
        var followers = new List<(SourceNode Follower, SourceNode Leader)>();
        foreach (var file in files)
        {
            if (file.HardlinkId != 0)
            {
                if (leaders.TryGetValue(file.HardlinkId, out var leader))
                {
                    followers.Add((file, leader));
                    continue;
                }
                leaders[file.HardlinkId] = file;
            }
            if (cache.TryGet(file.Path, out var cached) && IsUnchanged(cached, file) && cached.Content.All(c => acknowledged.Contains(c.Ref.Id)))
                file.Content = [.. cached.Content];
            else
                toRead.Add(file);
        }

        var pairing = DuplicateFiles.Pair(toRead);
        var readOrder = new List<SourceNode>(toRead.Count);
        readOrder.AddRange(toRead.Where(f => !pairing.CopyOf.ContainsKey(f)));
        var firstCopy = readOrder.Count;
        readOrder.AddRange(pairing.CopyOf.Keys);
        readOrder.Sort(0, firstCopy, LargestFirst);
        readOrder.Sort(firstCopy, pairing.CopyOf.Count, LargestFirst);
        return new BackupPlan(readOrder, pairing, followers);
    }

    private static bool IsUnchanged(CachedFile cached, SourceNode file) =>
        cached.Size == file.Stat.Size && cached.MtimeNs == file.Stat.MtimeNs && cached.CtimeNs == file.Stat.CtimeNs && cached.Inode == file.Stat.Inode;

    private static readonly Comparer<SourceNode> LargestFirst = Comparer<SourceNode>.Create(static (a, b) => b.Stat.Size.CompareTo(a.Stat.Size));
}
