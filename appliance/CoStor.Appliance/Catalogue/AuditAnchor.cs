namespace CoStor.Appliance.Catalogue;

/// <summary>The audit chain's head as last appended: the newest entry's id and hash, and how many entries there are.</summary>
public sealed record AuditAnchor(long LastId, long Count, byte[] Hash)
{
    /// <summary>The head as text for exporting (<c>1234:&lt;hex&gt;</c>), which <c>audit verify --anchor</c> takes back.</summary>
    public override string ToString() => $"{LastId}:{Convert.ToHexStringLower(Hash)}";
}
