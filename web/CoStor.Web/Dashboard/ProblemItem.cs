namespace CoStor.Web.Dashboard;

/// <summary>One thing that needs a person: what, about which PC (if one), and whether it is urgent.</summary>
public sealed record ProblemItem(string Message, string? AgentId, string? AgentName, bool Urgent);
