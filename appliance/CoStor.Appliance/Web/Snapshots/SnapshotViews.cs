using CoStor.Appliance.Browse;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;
using CoStor.Web.Snapshots;

namespace CoStor.Appliance.Web.Snapshots;

/// <summary>Turns the browser service's records into the snapshot pages' view models (names for people, paths for links).</summary>
public static class SnapshotViews
{
    /// <summary>The header of <paramref name="record"/>; <paramref name="site"/> names a peer site's snapshot (links under /sites/{site}).</summary>
    public static SnapshotHeader Header(SnapshotRecord record, string? site = null) =>
        new(record.Id, record.AgentId, record.AgentName, record.Host, record.FinishedAt, record.Status, site);

    public static EntryRow Row(BrowseEntry entry, string? name = null) =>
        new(name ?? entry.DisplayName, entry.Path.ToString(), Kind(entry.Type), entry.Size, entry.Mode, entry.Uid, entry.Gid, entry.Mtime,
            entry.Type == NodeType.Symlink ? entry.DisplayLinkTarget : null);

    /// <summary>The snapshot's top, then each directory down to <paramref name="path"/> (the last one is the current page).</summary>
    public static IReadOnlyList<Crumb> Crumbs(SnapshotHeader snapshot, BrowsePath path)
    {
        var crumbs = new List<Crumb> { new("/", snapshot.Base) };
        var walked = BrowsePath.Root;
        foreach (var component in path.Components)
        {
            walked = walked.Child(component);
            crumbs.Add(new Crumb(TreeNames.Printable(component), $"{snapshot.Base}?path={Uri.EscapeDataString(walked.ToString())}"));
        }
        return crumbs;
    }

    private static string Kind(NodeType type) => type switch
    {
        NodeType.Directory => "dir",
        NodeType.File => "file",
        NodeType.Symlink => "symlink",
        _ => "other",
    };
}
