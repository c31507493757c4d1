namespace CoStor.Appliance.Replication.Api;

/// <summary>
/// A site's recovery material (<c>GET /peer/v1/keyring</c>, <c>GET /api/v1/peer-recovery/{site}</c>):
/// <paramref name="Keyring"/> is base64 of its <c>keyring.recovery</c> (wrapped with the 256-bit recovery key),
/// <paramref name="Ca"/> its CA certificate as PEM.
/// </summary>
public sealed record PeerKeyring(string Site, string Keyring, string Ca);
