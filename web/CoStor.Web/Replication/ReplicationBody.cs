namespace CoStor.Web.Replication;

/// <summary>Each configured peer both ways, this site's packs by proven copies, and how many copies are wanted.</summary>
public sealed record ReplicationBody(IReadOnlyList<PeerPanel> Peers, CopiesBar Copies, int CopiesWanted, DateTimeOffset Now);
