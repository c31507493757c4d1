namespace CoStor.Core.Protocol;

/// <summary>A path that could not be saved (vanished, changed while read, or unreadable) and why.</summary>
public sealed record UnreadableFile(string Path, string Error);
