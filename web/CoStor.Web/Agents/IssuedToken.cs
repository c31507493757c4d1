namespace CoStor.Web.Agents;

/// <summary>A new enrolment token, shown once, with the command that enrols a PC with it.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt, string Command);
