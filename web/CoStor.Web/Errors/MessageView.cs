namespace CoStor.Web.Errors;

/// <summary>A page that only says something: not found, not allowed, a link that no longer works.</summary>
public sealed record MessageView(PageFrame Frame, string Heading, string Message);
