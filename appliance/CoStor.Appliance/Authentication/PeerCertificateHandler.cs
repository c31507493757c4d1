using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Text.Encodings.Web;
using CoStor.Appliance.Api;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Tls;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CoStor.Appliance.Authentication;

/// <summary>
/// The <see cref="CallerSchemes.PeerCertificate"/> scheme: the TLS client certificate, admitted only when its CN names
/// a configured peer, it chains to that peer's held CA (pinned by fingerprint; no system roots, revocation or
/// downloads), is valid now and is meant for client authentication. The TLS layer accepts any client certificate
/// (Hosting/KestrelSetup); this is where it is judged. A refusal is the API's JSON error (401).
/// </summary>
public sealed class PeerCertificateHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PeerAuthorities authorities, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.Connection.ClientCertificate is not { } certificate)
            return Task.FromResult(AuthenticateResult.NoResult());
        return Task.FromResult(Judge(certificate) is { } refusal
            ? AuthenticateResult.Fail(refusal)
            : Admit(certificate));
    }

    /// <summary>Why the certificate is refused, or null when it is a configured peer's.</summary>
    private string? Judge(X509Certificate2 certificate)
    {
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var peer = authorities.Peers.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (peer is null)
            return "not a configured peer";
        if (authorities.Find(peer.Name) is not { } ca)
            return "the peer's CA certificate is not held yet";
        var now = time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            return "the certificate is not valid now";
        if (!PinnedChain.HasPurpose(certificate, CertificateAuthority.ClientAuthOid))
            return "the certificate is not for client authentication";
        if (!PinnedChain.ChainsTo(certificate, ca, now, CertificateAuthority.ClientAuthOid))
            return "the certificate is not issued by the peer's CA";
        return null;
    }

    private AuthenticateResult Admit(X509Certificate2 certificate)
    {
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        var site = authorities.Peers.First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Name;
        Context.Features.Set(new PeerCaller(site));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, site)], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ApiErrors.Error(StatusCodes.Status401Unauthorized, "a configured peer's client certificate is required").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.Error(StatusCodes.Status403Forbidden, "this peer may not make this call").ExecuteAsync(Context);
}
