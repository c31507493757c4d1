namespace CoStor.Web.Users;

/// <summary>One user: role, password, enable/disable, and (restorers) the PCs and groups granted to them.</summary>
public sealed record UserView(PageFrame Frame, UserRow User, bool IsSelf, IReadOnlyList<string> Roles, int MinPasswordLength,
    IReadOnlyList<Choice> GrantedAgents, IReadOnlyList<string> GrantedGroups, IReadOnlyList<Choice> Agents, IReadOnlyList<string> Groups,
    string? Error, string? Notice);
