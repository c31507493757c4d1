namespace CoStor.Agent.Client;

/// <summary>
/// Sends each request again after a transient failure, as <paramref name="policy"/> allows. Request bodies
/// can be sent twice: they are memory the agent keeps until the reply (the upload ring, byte arrays, JSON).
/// </summary>
public sealed class RetryingHandler(HttpMessageHandler inner, RetryPolicy policy) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        policy.RunAsync(() => base.SendAsync(request, cancellationToken), cancellationToken);
}
