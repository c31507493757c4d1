namespace CoStor.Appliance.Browse;

/// <summary>
/// One page of a directory, in name-byte order (stable across pages and calls). <see cref="Total"/> counts the
/// whole directory; <see cref="NextCursor"/> is the <c>after</c> value for the next page (the text form of the
/// last name here, <see cref="BrowsePath.EncodeName"/>), null on the last page.
/// </summary>
public sealed record DirectoryPage(BrowsePath Path, IReadOnlyList<BrowseEntry> Entries, int Total, string? NextCursor);
