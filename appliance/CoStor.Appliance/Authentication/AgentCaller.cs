using CoStor.Appliance.Catalogue;

namespace CoStor.Appliance.Authentication;

/// <summary>
/// The enrolled agent making the request, set by <see cref="AgentBearerHandler"/>. A handler in a group that
/// requires <see cref="CallerPolicies.Agent"/> takes it as a parameter; outside such a group it is never set.
/// </summary>
public sealed record AgentCaller(AgentRecord Agent)
{
    public string Id => Agent.Id;

    public static ValueTask<AgentCaller?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<AgentCaller>());
}
