using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Cli;

/// <summary>
/// Turns the SNAPSHOT argument of <c>ls</c> and <c>restore</c> into one of the agent's snapshots: a full
/// id, a unique prefix of at least <see cref="MinPrefixLength"/> hex digits (case-insensitive), or
/// <c>latest</c> (the most recently finished). Anything else is an <see cref="AgentException"/> saying why.
/// </summary>
public static class SnapshotResolver
{
    public const int MinPrefixLength = 4;
    public const string Latest = "latest";

    public static SnapshotRecord Resolve(IReadOnlyList<SnapshotRecord> snapshots, string argument)
    {
        var wanted = argument.Trim();
        if (snapshots.Count == 0)
            throw new AgentException("this agent has no snapshots yet");
        if (wanted.Equals(Latest, StringComparison.OrdinalIgnoreCase))
            return snapshots.MaxBy(s => s.FinishedAt)!;
        if (wanted.Length < MinPrefixLength || !wanted.All(char.IsAsciiHexDigit))
            throw new AgentException($"'{argument}' is not a snapshot id: give at least {MinPrefixLength} hex digits of one, or '{Latest}'");
        var exact = snapshots.FirstOrDefault(s => s.Id.Equals(wanted, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
            return exact;
        var matches = snapshots.Where(s => s.Id.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new AgentException($"no snapshot id starts with '{wanted}' (see 'costor-agent snapshots')"),
            _ => throw new AgentException(
                $"'{wanted}' matches {matches.Count} snapshots ({string.Join(", ", matches.Take(5).Select(s => Short(s.Id)))}{(matches.Count > 5 ? ", ..." : "")}): give more digits"),
        };
    }

    /// <summary>The snapshot's root tree reference; a malformed one is an <see cref="AgentException"/>.</summary>
    public static BlobRef RootOf(SnapshotRecord snapshot)
    {
        if (!BlobId.TryParse(snapshot.Root.Id, out var id) || !BlobKey.TryParse(snapshot.Root.Key, out var key))
            throw new AgentException($"snapshot {snapshot.Id} has a malformed root tree reference");
        return new BlobRef(id, key);
    }

    /// <summary>The first 8 characters of an id, as listings show it.</summary>
    public static string Short(string id) => id.Length <= 8 ? id : id[..8];
}
