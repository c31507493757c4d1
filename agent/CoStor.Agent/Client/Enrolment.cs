using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using CoStor.Agent.State;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Client;

/// <summary>
/// Enrolment: fetch the site CA, check it against the fingerprint the admin gave or the prefix of it that the
/// token carries (<see cref="EnrolmentToken"/>), then trade the one-time token for a credential over a connection
/// that trusts only that CA. With neither there is nothing to check the appliance against, so it is refused.
/// </summary>
public static class Enrolment
{
    public static async Task<AgentIdentity> EnrolAsync(StateDirectory state, string applianceUrl, string token, string? fingerprint, string name, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(applianceUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme != Uri.UriSchemeHttps)
            throw new AgentException($"--appliance must be an https:// URL (got '{applianceUrl}')");
        if (fingerprint is not null && !CertificateFingerprint.IsWellFormed(fingerprint))
            throw new AgentException("--fingerprint must be 64 hex digits (costor-appliance fingerprint prints it)");
        var tokenPrefix = EnrolmentToken.FingerprintPrefix(token);
        if (fingerprint is null && tokenPrefix is null)
            throw new AgentException("this token does not name the appliance's CA: give --fingerprint (costor-appliance fingerprint prints it), or use a token from 'costor-appliance token create'");

        string pem;
        using (var bootstrap = new HttpClient(PinnedTls.CreateBootstrapHandler()) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) })
            pem = await bootstrap.GetStringAsync("api/v1/ca", cancellationToken);
        var ca = X509Certificate2.CreateFromPem(pem);
        var actual = CertificateFingerprint.Of(ca);
        if (fingerprint is not null && !CertificateFingerprint.Matches(ca, fingerprint))
            throw new AgentException($"the appliance's CA fingerprint is {actual}, not {fingerprint.ToLowerInvariant()}: refusing to enrol");
        if (tokenPrefix is not null && !actual.StartsWith(tokenPrefix, StringComparison.Ordinal))
            throw new AgentException($"the appliance's CA fingerprint is {actual}, but the token was made by a site whose CA starts {tokenPrefix}: refusing to enrol (is this the right appliance?)");

        using var http = new HttpClient(PinnedTls.CreateHandler(ca)) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        var request = new EnrolRequest(token, name, System.Net.Dns.GetHostName());
        using var response = await http.PostAsJsonAsync("api/v1/enrol", request, ProtocolJsonContext.Default.EnrolRequest, cancellationToken);
        await ApplianceClient.EnsureSuccessAsync(response, cancellationToken);
        var enrolled = await response.Content.ReadFromJsonAsync(ProtocolJsonContext.Default.EnrolResponse, cancellationToken)
            ?? throw new AgentException("appliance sent an empty enrolment reply");
        var identity = new AgentIdentity(baseUri.ToString(), actual, enrolled.AgentId, enrolled.Credential, name, enrolled.Site,
            enrolled.MetadataKey, enrolled.ChunkerSeed);
        state.SaveIdentity(identity, pem);
        return identity;
    }
}
