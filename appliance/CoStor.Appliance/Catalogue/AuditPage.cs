namespace CoStor.Appliance.Catalogue;

/// <summary>One page of audit entries, newest first; <see cref="NextBefore"/> is the cursor of the next (older) page, null on the last.</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextBefore);
