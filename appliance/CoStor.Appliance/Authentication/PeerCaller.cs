namespace CoStor.Appliance.Authentication;

/// <summary>
/// The peer site making the request, set by <see cref="PeerCertificateHandler"/>: <see cref="Site"/> is its configured
/// name. A handler in a group that requires <see cref="CallerPolicies.Peer"/> takes it as a parameter; outside such a
/// group it is never set.
/// </summary>
public sealed record PeerCaller(string Site)
{
    public static ValueTask<PeerCaller?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<PeerCaller>());
}
