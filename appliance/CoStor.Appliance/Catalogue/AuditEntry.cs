namespace CoStor.Appliance.Catalogue;

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? Target, string? Detail);
