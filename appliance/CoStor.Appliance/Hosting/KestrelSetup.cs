using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using CoStor.Appliance.Api;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Hosting;

/// <summary>Kestrel: HTTPS with the site CA's self-renewing server certificate, request limits, and the socket transport.</summary>
public static class KestrelSetup
{
    public static void UseSiteKestrel(this WebApplicationBuilder builder, CertificateAuthority authority, TimeProvider time,
        IEnumerable<string> urls, Configuration.TlsConfig tls, Configuration.LimitsConfig limits)
    {
        IReadOnlyList<string> names = [.. ServerNames().Concat(tls.Names.Where(n => !IPAddress.TryParse(n, out _)))];
        IReadOnlyList<IPAddress> addresses = [.. ServerAddresses().Concat(tls.Names.Select(n => IPAddress.TryParse(n, out var a) ? a : null).OfType<IPAddress>())];
        builder.Services.AddSingleton(sp => new ServerCertificates(authority, names, addresses, time, sp.GetRequiredService<ILogger<ServerCertificates>>()));
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var certificates = kestrel.ApplicationServices.GetRequiredService<ServerCertificates>();
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = ApiJson.MaxJsonBody;
            // Request bytes Kestrel buffers ahead of a handler (default 1 MiB per connection). Uploads are read
            // as fast as they are written to packs; when a handler waits (its fsync, the index writer), the
            // kernel's socket buffers hold the rest. With 20 agents × 2 uploads this bounds ~40 MiB to ~10.
            kestrel.Limits.MaxRequestBufferSize = 256 * 1024;
            kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections;
            // A body that trickles in holds an upload slot: below 16 KiB/s (after a 10 s grace) it is cut off.
            // A school PC on a poor Wi-Fi link still sends ~100 KiB/s.
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(16 * 1024, TimeSpan.FromSeconds(10));
            var handshake = new HandshakeCertificates(certificates, kestrel.ApplicationServices.GetRequiredService<PeerAuthorities>());
            var suites = TlsCipherPreference.Create();
            kestrel.ConfigureHttpsDefaults(https =>
            {
                // Peers authenticate with client certificates on this one port: every client is asked for one, none
                // has to send one (agents and browsers do not), and any is accepted here because the peer-certificate
                // scheme judges it (Authentication/PeerCertificateHandler).
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (_, _, _) => true;
                // Chosen per handshake, so a renewed certificate is served without a restart.
                https.ServerCertificateSelector = (_, _) => certificates.Current;
                https.OnAuthenticate = (_, ssl) =>
                {
                    if (suites is not null)
                        ssl.CipherSuitesPolicy = suites;
                    // The same certificate, with the peers' CAs named as the only acceptable client-certificate
                    // issuers, so a browser holding some other certificate has nothing to offer and shows no picker.
                    if (handshake.Context() is { } context)
                    {
                        ssl.ServerCertificateSelectionCallback = null;
                        ssl.ServerCertificateContext = context;
                    }
                };
            });
        });
        builder.WebHost.UseUrls([.. urls]);
        // Receive straight into a 64 KiB block (see LargeBlockMemoryPool) rather than first waiting for data with
        // a zero-byte read: one system call per receive instead of two, for one block per open connection.
        builder.WebHost.UseSockets(sockets => sockets.WaitForDataBeforeAllocatingBuffer = false);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>, LargeBlockMemoryPool.Factory>();
    }

    private static IEnumerable<string> ServerNames()
    {
        var host = Dns.GetHostName();
        return ["localhost", host, host + ".local"];
    }

    private static IEnumerable<IPAddress> ServerAddresses()
    {
        IEnumerable<IPAddress> local;
        try
        {
            local = Dns.GetHostAddresses(Dns.GetHostName());
        }
        catch (System.Net.Sockets.SocketException)
        {
            local = [];
        }
        return new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }.Concat(local);
    }
}
