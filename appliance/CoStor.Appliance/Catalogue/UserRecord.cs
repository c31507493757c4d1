namespace CoStor.Appliance.Catalogue;

/// <summary>
/// A web UI user. <see cref="PasswordChangedAt"/>: a session issued before it is stale; <see cref="DisabledAt"/>:
/// set while the user may not sign in.
/// </summary>
public sealed record UserRecord(string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? PasswordChangedAt, DateTimeOffset? DisabledAt)
{
    public bool Enabled => DisabledAt is null;
}
