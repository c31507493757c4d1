namespace CoStor.Web.Sites;

/// <summary>A peer site held on this appliance: whether it is unlocked here, its snapshot count when it is, whether its checkpoint has arrived.</summary>
public sealed record SiteRow(string Name, bool Unlocked, int? Snapshots, bool HasCheckpoint);
