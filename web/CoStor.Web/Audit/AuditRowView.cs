namespace CoStor.Web.Audit;

public sealed record AuditRowView(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Detail, string? Address, string Outcome);
