namespace CoStor.Appliance.Catalogue;

/// <summary>
/// What a caller records: who (<c>cli</c>, <c>agent:&lt;id&gt;</c>, <c>user:&lt;name&gt;</c>), what (a dotted action such
/// as <c>user.add</c>), on what, with which detail, from which client address, and how it ended. The log adds the id,
/// the time and the chain hash.
/// </summary>
public sealed record AuditEvent(string Actor, string Action, string? Target = null, string? Detail = null, string? Address = null, string Outcome = AuditOutcome.Ok);
