using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using CoStor.Agent.State;
using CoStor.Core.Protocol;

namespace CoStor.Agent.Client;

/// <summary>
/// Enrolment: fetch the site CA, check it against the fingerprint the admin gave (or pin it on first use,
/// saying so), then trade the one-time token for a credential over a connection that trusts only that CA.
/// </summary>
public static class Enrolment
{
    public static async Task<AgentIdentity> EnrolAsync(StateDirectory state, string applianceUrl, string token, string? fingerprint, string name, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(applianceUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme != Uri.UriSchemeHttps)
            throw new AgentException($"--appliance must be an https:// URL (got '{applianceUrl}')");
        if (fingerprint is not null && !CertificateFingerprint.IsWellFormed(fingerprint))
            throw new AgentException("--fingerprint must be 64 hex digits (costor-appliance fingerprint prints it)");

        string pem;
        using (var bootstrap = new HttpClient(PinnedTls.CreateBootstrapHandler()) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) })
            pem = await bootstrap.GetStringAsync("api/v1/ca", cancellationToken);
        var ca = X509Certificate2.CreateFromPem(pem);
        var actual = CertificateFingerprint.Of(ca);
        if (fingerprint is null)
            Console.Error.WriteLine($"warning: no --fingerprint given; pinning the appliance CA {actual} on first use. Compare it with 'costor-appliance fingerprint' on the box.");
        else if (!CertificateFingerprint.Matches(ca, fingerprint))
            throw new AgentException($"the appliance's CA fingerprint is {actual}, not {fingerprint.ToLowerInvariant()}: refusing to enrol");

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
