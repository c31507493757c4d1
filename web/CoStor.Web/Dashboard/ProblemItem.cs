namespace CoStor.Web.Dashboard;

/// <summary>One thing that needs a person: what, about which PC (if one), whether it is urgent, and where to look (site-wide problems).</summary>
public sealed record ProblemItem(string Message, string? AgentId, string? AgentName, bool Urgent, string? Link = null);
