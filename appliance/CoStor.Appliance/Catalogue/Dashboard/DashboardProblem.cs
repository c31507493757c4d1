namespace CoStor.Appliance.Catalogue.Dashboard;

/// <summary>
/// Something an admin should look at. <see cref="AgentId"/> is null for site-wide problems; <see cref="Since"/> is
/// when it began (the last snapshot, or enrolment, for an overdue agent); <see cref="Message"/> is a plain sentence.
/// </summary>
public sealed record DashboardProblem(DashboardProblemKind Kind, string? AgentId, string? AgentName, DateTimeOffset? Since, string Message);
