using System.Collections.Concurrent;
using CoStor.Agent.FileSystem;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Backup;

/// <summary>Files that could not be saved as they were; any entry makes the snapshot partial (exit code 3).</summary>
public sealed class BackupReport
{
    private readonly ConcurrentQueue<UnreadableFile> _unreadable = new();

    public IReadOnlyList<UnreadableFile> UnreadableFiles => [.. _unreadable];

    /// <summary>
    /// The entries a commit lists: the first ones, up to <see cref="ProtocolLimits.MaxUnreadableListed"/> and
    /// <see cref="ProtocolLimits.MaxUnreadableListedChars"/> characters (every one was printed when it was met, and
    /// the snapshot's stats count them all).
    /// </summary>
    public IReadOnlyList<UnreadableFile> ListedInSnapshot()
    {
        var listed = new List<UnreadableFile>();
        var chars = 0;
        foreach (var entry in _unreadable)
        {
            chars += entry.Path.Length + entry.Error.Length;
            if (listed.Count == ProtocolLimits.MaxUnreadableListed || chars > ProtocolLimits.MaxUnreadableListedChars)
                break;
            listed.Add(entry);
        }
        return listed;
    }

    public void Unreadable(ReadOnlySpan<byte> path, string error)
    {
        var entry = new UnreadableFile(PathBytes.Printable(path), error);
        _unreadable.Enqueue(entry);
        Console.Error.WriteLine($"warning: {entry.Path}: {error}");
    }

    /// <summary>Entries deliberately not backed up (devices, sockets): reported, not counted as failures.</summary>
    public void Skipped(ReadOnlySpan<byte> path, string reason) =>
        Console.Error.WriteLine($"note: {PathBytes.Printable(path)}: {reason}");
}
