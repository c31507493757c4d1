namespace CoStor.Appliance.Replication.Api;

/// <summary>One pack in a peer API listing: its name (64 lowercase hex digits) and size in bytes.</summary>
public sealed record PeerPack(string Name, long Size);
