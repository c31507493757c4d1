namespace CoStor.Appliance.Browse;

/// <summary>
/// What a name search found, breadth-first from its start directory (shallow matches first, then name order
/// within a directory). <see cref="Complete"/> is false when it stopped at its bound on results or trees read,
/// so a page can say "more may exist; narrow the search".
/// </summary>
public sealed record SearchResult(IReadOnlyList<BrowseEntry> Hits, bool Complete, int TreesRead);
