namespace CoStor.Web.Audit;

/// <summary>A page of the audit log, newest first; <see cref="OlderBefore"/> is the cursor of the next page.</summary>
public sealed record AuditView(PageFrame Frame, AuditFilter Filter, IReadOnlyList<AuditRowView> Entries, long? OlderBefore, string? Error, string? Verification,
    bool VerificationOk);
