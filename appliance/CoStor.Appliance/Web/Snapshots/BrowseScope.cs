using CoStor.Appliance.Browse;

namespace CoStor.Appliance.Web.Snapshots;

/// <summary>
/// Whose snapshots a browser page reads: this site's (<see cref="Site"/> null) or an unlocked peer site's, with the
/// person looking and the navigation section the page belongs to.
/// </summary>
public sealed record BrowseScope(SnapshotBrowser Browser, Viewer Viewer, string? Site, string Section);
