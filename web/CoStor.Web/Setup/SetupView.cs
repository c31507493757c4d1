namespace CoStor.Web.Setup;

/// <summary>First-run setup: the one-time code from the setup link, and why the last attempt was refused.</summary>
public sealed record SetupView(PageFrame Frame, string Code, string? UserName, string? Error, int MinPasswordLength);
