namespace CoStor.Web.Agents;

/// <summary>A snapshot in a PC's timeline: when, how it went, how big, what changed against the one before.</summary>
public sealed record SnapshotRow(string Id, DateTimeOffset FinishedAt, string Status, long Files, long Bytes, long? ChangeBytes,
    int Unreadable, IReadOnlyList<string> Paths);
