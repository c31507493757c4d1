using CoStor.Core.Blobs;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Commit;

/// <summary>The shape a commit request must have before anything is looked up (docs/protocol.md).</summary>
public static class CommitRequestValidator
{
    public const int MaxPaths = 1000;
    public const int MaxHostLength = 255;

    /// <summary>One line saying what is wrong, or null when the request is well-formed.</summary>
    public static string? Problem(CommitRequest request)
    {
        if (string.IsNullOrEmpty(request.SessionId))
            return "sessionId is required";
        if (request.Root is null || !BlobId.TryParse(request.Root.Id, out _) || !BlobKey.TryParse(request.Root.Key, out _))
            return "root must have a 64-hex-digit id and key";
        if (request.Paths is null || request.Paths.Count == 0 || request.Paths.Count > MaxPaths)
            return $"paths must list 1 to {MaxPaths} backed-up paths";
        if (request.Host is null || request.Host.Length > MaxHostLength)
            return $"host must be at most {MaxHostLength} characters";
        if (request.Stats is null || request.Stats.Files < 0 || request.Stats.Bytes < 0)
            return "stats are required and must not be negative";
        if (request.Unreadable is null || request.Unreadable.Count > ProtocolLimits.MaxUnreadableListed)
            return $"unreadable must be a list of at most {ProtocolLimits.MaxUnreadableListed} entries (stats.unreadableCount counts them all)";
        if (request.Unreadable.Any(u => u is null || u.Path is null || u.Error is null))
            return "every unreadable entry needs a path and an error";
        if (request.Unreadable.Sum(u => (long)u.Path.Length + u.Error.Length) > ProtocolLimits.MaxUnreadableListedChars)
            return $"the unreadable list may hold at most {ProtocolLimits.MaxUnreadableListedChars} characters of paths and errors (stats.unreadableCount counts them all)";
        if (request.Stats.UnreadableCount < request.Unreadable.Count)
            return "stats.unreadableCount must count at least the entries listed in unreadable";
        return null;
    }
}
