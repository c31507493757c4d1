namespace CoStor.Appliance.Replication;

/// <summary><c>GET /peer/v1/hello</c>: who this box is, so a peer can check its configuration against it.</summary>
/// <param name="Site">This site's name.</param>
/// <param name="Fingerprint">This site's CA fingerprint (what the peer pins).</param>
/// <param name="Time">This box's clock, so a peer can see a skew that would upset certificate validity.</param>
public sealed record PeerHello(string Site, string Fingerprint, DateTimeOffset Time);
