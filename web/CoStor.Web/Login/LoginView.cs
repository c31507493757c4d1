namespace CoStor.Web.Login;

/// <summary>The sign-in form: the name typed before (kept on a refusal), why it was refused, where to go after.</summary>
public sealed record LoginView(PageFrame Frame, string? UserName, string? Error, string? ReturnUrl);
