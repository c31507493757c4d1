namespace CoStor.Appliance.Catalogue;

/// <summary>
/// What walking the audit chain found: how many entries it checked, the head it ended at, and the first broken
/// link (null when the chain is whole), e.g. <c>entry 1234 (2026-12-04T10:00:00Z user.add): hash does not match</c>.
/// </summary>
public sealed record AuditVerification(long Entries, AuditAnchor? Head, string? Problem)
{
    public bool Ok => Problem is null;
}
