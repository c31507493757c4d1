using System.Collections.Immutable;

namespace CoStor.Appliance.Configuration;

/// <summary><c>[tls]</c>: the server certificate the site CA issues.</summary>
/// <param name="Names">
/// Extra DNS names or IP addresses on the server certificate (<c>tls.names</c>), besides <c>localhost</c>, the
/// host name, <c>host.local</c> and the machine's addresses: a DNS alias or an address agents use to reach the box.
/// </param>
public sealed record TlsConfig(ImmutableArray<string> Names)
{
    public static TlsConfig Default { get; } = new([]);
}
