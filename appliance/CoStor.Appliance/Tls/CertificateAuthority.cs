using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CoStor.Appliance.Site;
using CoStor.Core.Protocol;

namespace CoStor.Appliance.Tls;

/// <summary>
/// The site's own small CA (ECDSA P-256). Its key is derived from the keyring, so a site restored from
/// its recovery kit has the same CA key; the certificate is created once and kept in the data directory.
/// Agents and peers pin the CA's fingerprint (SHA-256 of its DER), never a leaf.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private CertificateAuthority(X509Certificate2 certificate, ECDsa key)
    {
        Certificate = certificate;
        _key = key;
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>Lowercase hex SHA-256 of the CA certificate's DER bytes.</summary>
    public string Fingerprint => CertificateFingerprint.Of(Certificate);

    public static CertificateAuthority LoadOrCreate(DataDirectory data, SiteKeys keys, TimeProvider time)
    {
        var key = DeriveKey(keys.Keyring.CaSeed);
        if (File.Exists(data.CaCertificatePath))
        {
            var existing = X509Certificate2.CreateFromPem(File.ReadAllText(data.CaCertificatePath));
            return new CertificateAuthority(existing, key);
        }
        var now = time.GetUtcNow();
        var request = new CertificateRequest(new X500DistinguishedName($"CN=CoStor site CA {keys.SiteName}"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
        var pem = created.ExportCertificatePem();
        DurableFile.WriteAllBytes(data.CaCertificatePath, System.Text.Encoding.ASCII.GetBytes(pem),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return new CertificateAuthority(X509Certificate2.CreateFromPem(pem), key);
    }

    /// <summary>
    /// Issues a fresh TLS server certificate (new key, 90 days) for the given names and addresses.
    /// Issued at every start, so names follow the machine and nothing long-lived sits on disk.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses, TimeProvider time)
    {
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=CoStor appliance"), leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames.Distinct(StringComparer.OrdinalIgnoreCase))
            san.AddDnsName(name);
        foreach (var address in addresses.Distinct())
            san.AddIpAddress(address);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        return Issue(request, leafKey, time);
    }

    /// <summary>
    /// Issues a fresh TLS client certificate for replication (new key, CN = the site name, EKU clientAuth, 90 days,
    /// valid from a day before issue). Peers admit it when it chains to this CA, whose fingerprint they pin.
    /// </summary>
    public X509Certificate2 IssueClientCertificate(string siteName, TimeProvider time)
    {
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(siteName);
        var request = new CertificateRequest(subject.Build(), leafKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], false));
        return Issue(request, leafKey, time);
    }

    /// <summary>The TLS client authentication purpose (id-kp-clientAuth).</summary>
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private X509Certificate2 Issue(CertificateRequest request, ECDsa leafKey, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key),
            now - ServerCertificates.Backdating, now + ServerCertificates.Lifetime, serial);
        using var withKey = issued.CopyWithPrivateKey(leafKey);
        // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>
    /// Signs <paramref name="data"/> with the CA key (ECDSA P-256, SHA-256, DER signature as RFC 3279), for what
    /// peers verify against the pinned CA certificate's public key: retention decisions and checkpoints.
    /// </summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    /// <summary>
    /// Whether <paramref name="certificate"/>'s public key is the CA key <paramref name="keyring"/> derives: a rebuild
    /// accepts a site's CA certificate from a peer only when it is the one the site's own keyring implies.
    /// </summary>
    public static bool MatchesKeyring(X509Certificate2 certificate, Core.Keys.SiteKeyring keyring)
    {
        using var derived = DeriveKey(keyring.CaSeed);
        using var key = certificate.GetECDsaPublicKey();
        if (key is null)
            return false;
        var expected = derived.ExportParameters(includePrivateParameters: false).Q;
        var actual = key.ExportParameters(includePrivateParameters: false).Q;
        return expected.X.AsSpan().SequenceEqual(actual.X) && expected.Y.AsSpan().SequenceEqual(actual.Y);
    }

    private static ECDsa DeriveKey(byte[] seed)
    {
        // The seed is a uniformly random 256-bit value; the P-256 order is just below 2^256, so a seed is
        // a valid private scalar except with probability ~2^-32. Re-hash in that unlikely case.
        var d = seed;
        while (true)
        {
            try
            {
                return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
            }
            catch (CryptographicException)
            {
                d = SHA256.HashData(d);
            }
        }
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}
