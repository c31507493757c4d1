namespace CoStor.Appliance.Configuration;

/// <summary>One <c>[[peers]]</c> entry: another site whose sealed packs this box pulls and keeps.</summary>
/// <param name="Name">The peer's site name (its <c>site.name</c>); unique among peers and not this site's own.</param>
/// <param name="Url">The peer's https base URL for replication.</param>
/// <param name="Fingerprint">Lowercase hex SHA-256 of the peer's CA certificate, pinned for mutual TLS.</param>
/// <param name="BandwidthBytesPerSecond">Bytes per second pulled from this peer at most (<c>bandwidth</c>); null: unlimited.</param>
/// <param name="Window">Hours in which pulling from this peer may run (<c>window</c>); null: any time.</param>
public sealed record PeerConfig(string Name, Uri Url, string Fingerprint, long? BandwidthBytesPerSecond = null, TransferWindow? Window = null);
