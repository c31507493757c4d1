using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;

namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>
/// A site's checkpoint content as objects, from its catalogue (one read transaction) and its configured peers: what
/// tests compare with. The appliance streams the same content instead (<see cref="CheckpointFile"/>).
/// </summary>
public static class CheckpointBuilder
{
    public static CheckpointContent Build(CatalogueDatabase database, string siteName, IEnumerable<PeerConfig> peers, long sequence, TimeProvider time)
    {
        var rows = CheckpointTables.Read(database);
        return new CheckpointContent(CheckpointContent.CurrentVersion, siteName, sequence, time.GetUtcNow(),
            rows.Agents, rows.Groups, rows.Users, rows.Sessions, rows.Snapshots, rows.Packs, rows.Retired,
            [.. peers.Select(p => new CheckpointPeer(p.Name, p.Url.ToString(), p.Fingerprint))]);
    }
}
