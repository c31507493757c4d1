namespace CoStor.Appliance.Catalogue;

/// <summary>
/// One audit log entry as the audit page shows it. <see cref="Outcome"/> is one of <see cref="AuditOutcome"/>'s
/// words; <see cref="Address"/> the client's IP address when a person acted over HTTP.
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string? Target, string? Detail)
{
    public long Id { get; init; }

    public string? Address { get; init; }

    public string Outcome { get; init; } = AuditOutcome.Ok;
}
