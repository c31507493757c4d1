namespace CoStor.Appliance.Catalogue;

/// <summary>The words an audit entry's outcome takes (column <c>audit_log.outcome</c>).</summary>
public static class AuditOutcome
{
    /// <summary>The action was done.</summary>
    public const string Ok = "ok";

    /// <summary>The action was attempted and did not succeed (a wrong password, an error).</summary>
    public const string Failed = "failed";

    /// <summary>The action was not allowed (a rule or a permission said no).</summary>
    public const string Refused = "refused";
}
