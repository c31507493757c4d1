namespace CoStor.Web.Snapshots;

/// <summary>One step of the breadcrumb: a directory's name for people and the link to it.</summary>
public sealed record Crumb(string Text, string Href);
