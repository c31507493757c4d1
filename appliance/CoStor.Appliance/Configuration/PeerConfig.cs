namespace CoStor.Appliance.Configuration;

/// <summary>One <c>[[peers]]</c> entry: another site whose sealed packs this box pulls and keeps.</summary>
/// <param name="Name">The peer's site name (its <c>site.name</c>); unique among peers and not this site's own.</param>
/// <param name="Url">The peer's https base URL for replication.</param>
/// <param name="Fingerprint">Lowercase hex SHA-256 of the peer's CA certificate, pinned for mutual TLS.</param>
public sealed record PeerConfig(string Name, Uri Url, string Fingerprint);
