namespace CoStor.Web.Sites;

/// <summary>The Sites page: peer sites held here; admins (<see cref="CanUnlock"/>) unlock and lock them.</summary>
public sealed record SitesView(PageFrame Frame, IReadOnlyList<SiteRow> Sites, bool CanUnlock, string? Error, string? Notice);
