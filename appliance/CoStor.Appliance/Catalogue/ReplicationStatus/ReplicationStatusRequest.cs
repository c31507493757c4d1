namespace CoStor.Appliance.Catalogue.ReplicationStatus;

/// <summary>
/// What the status is asked about: the configured peers' names (<c>ApplianceConfig.Peers</c>), how many sites must
/// hold each pack counting this one (<c>copies</c>; 2 until the replication configuration exists), and the peers
/// placement treats as gone (none unless the caller knows better).
/// </summary>
public sealed record ReplicationStatusRequest(IReadOnlyList<string> Peers, int Copies = ReplicationStatusRequest.DefaultCopies, IReadOnlySet<string>? Gone = null)
{
    public const int DefaultCopies = 2;
}
