namespace CoStor.Web.Users;

/// <summary>The users page: everyone who may sign in, and the form that adds a person.</summary>
public sealed record UsersView(PageFrame Frame, IReadOnlyList<UserRow> Users, IReadOnlyList<string> Roles, int MinPasswordLength, string? Error, string? Notice);
