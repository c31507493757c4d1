using CoStor.Core.Trees;

namespace CoStor.Appliance.Browse;

/// <summary>
/// One entry of a snapshot directory, as pages show it. <see cref="Name"/> is the raw name; <see cref="DisplayName"/>
/// is for people (<see cref="TreeNames.Printable"/>: invalid bytes shown as <c>\xNN</c>); <see cref="Path"/> is the
/// entry's path, whose text form (<see cref="BrowsePath.ToString"/>) goes into links. Trees store numeric owners
/// only (no user or group names). Size is 0 for anything but files; the link target is empty for anything but symlinks.
/// </summary>
public sealed record BrowseEntry(
    byte[] Name,
    string DisplayName,
    BrowsePath Path,
    NodeType Type,
    long Size,
    uint Mode,
    uint Uid,
    uint Gid,
    long MtimeNs,
    byte[] LinkTarget,
    ulong HardlinkId)
{
    /// <summary>Modification time (to the 100 ns a <see cref="DateTimeOffset"/> holds).</summary>
    public DateTimeOffset Mtime => DateTimeOffset.UnixEpoch.AddTicks(MtimeNs / 100);

    /// <summary>The symlink target for people; empty for other types.</summary>
    public string DisplayLinkTarget => TreeNames.Printable(LinkTarget);

    internal static BrowseEntry From(TreeNode node, BrowsePath path) => new(
        node.Name, node.Name.Length == 0 ? "/" : TreeNames.Printable(node.Name), path, node.Type, node.Size, node.Mode,
        node.Uid, node.Gid, node.MtimeNs, node.LinkTarget, node.HardlinkId);
}
