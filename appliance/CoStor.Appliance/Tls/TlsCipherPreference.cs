using System.Net.Security;

namespace CoStor.Appliance.Tls;

/// <summary>
/// The TLS 1.3 suites the appliance offers, in its order of preference: AES-128-GCM first. Agents upload
/// blobs that are already AES-256-GCM encrypted and authenticated by their ids, so the transport's cipher
/// protects metadata and the session, for which 128-bit AES is ample; it costs about a quarter less CPU per
/// byte than AES-256 on both ends of every upload and restore. AES-256-GCM and ChaCha20-Poly1305 stay on offer.
/// OpenSSL applies the server's order, so every client gets AES-128-GCM when it supports it.
/// </summary>
public static class TlsCipherPreference
{
    /// <summary>Null where the platform cannot set suites (Windows uses the system's policy).</summary>
    public static CipherSuitesPolicy? Create() =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()
            ? new CipherSuitesPolicy([
                TlsCipherSuite.TLS_AES_128_GCM_SHA256,
                TlsCipherSuite.TLS_AES_256_GCM_SHA384,
                TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                // TLS 1.2 clients (older browsers): ECDHE with AEAD only.
                TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            ])
            : null;
}
