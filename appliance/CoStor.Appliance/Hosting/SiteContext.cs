using CoStor.Appliance.Configuration;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Hosting;

/// <summary>What every handler may need about the running site: its keys, CA and configuration.</summary>
public sealed class SiteContext(DataDirectory data, SiteKeys keys, CertificateAuthority authority, ApplianceConfig config)
{
    public DataDirectory Data { get; } = data;
    public SiteKeys Keys { get; } = keys;
    public CertificateAuthority Authority { get; } = authority;
    public ApplianceConfig Config { get; } = config;
}
