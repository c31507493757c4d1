using CoStor.Appliance.Authentication;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace CoStor.Appliance.Tests.Authentication;

/// <summary>
/// Every endpoint the appliance maps declares who may call it: a policy, or an explicit anonymous marker.
/// The table below is the whole surface; a new route fails here until it is added with its caller.
/// </summary>
public class RoutePolicyTests
{
    public const string Anonymous = "(anonymous)";

    /// <summary>Every route (method and pattern) and who may call it; <see cref="RoleMatrixTests"/> walks the same table.</summary>
    public static readonly Dictionary<string, string> Expected = new()
    {
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["GET /healthz"] = Anonymous,
        ["GET /metrics"] = CallerPolicies.Scraper,
        ["POST /api/v1/enrol"] = Anonymous,
        ["GET /api/v1/ca"] = Anonymous,
        ["POST /api/v1/keys"] = CallerPolicies.Agent,
        ["POST /api/v1/blobs"] = CallerPolicies.Agent,
        ["POST /api/v1/blobs/read"] = CallerPolicies.Agent,
        ["POST /api/v1/sessions"] = CallerPolicies.Agent,
        ["POST /api/v1/snapshots"] = CallerPolicies.Agent,
        ["GET /api/v1/snapshots"] = CallerPolicies.Agent,
        ["GET /api/v1/snapshots/{id}"] = CallerPolicies.Agent,
        ["GET /peer/v1/hello"] = CallerPolicies.Peer,
        ["GET /peer/v1/assigned"] = CallerPolicies.Peer,
        ["GET /peer/v1/packs/{name}"] = CallerPolicies.Peer,
        ["GET /peer/v1/held/{site}"] = CallerPolicies.Peer,
        ["GET /peer/v1/held/{site}/checkpoint"] = CallerPolicies.Peer,
        ["GET /peer/v1/held/{site}/{name}"] = CallerPolicies.Peer,
        ["GET /peer/v1/keyring"] = CallerPolicies.Peer,
        ["GET /peer/v1/checkpoint"] = CallerPolicies.Peer,
        ["GET /peer/v1/retired"] = CallerPolicies.Peer,
        ["POST /peer/v1/proofs"] = CallerPolicies.Peer,
        ["GET /api/v1/peer-recovery/{site}"] = Anonymous,
        ["GET /assets/{name}"] = Anonymous,
        ["GET /login"] = Anonymous,
        ["POST /login"] = Anonymous,
        ["GET /setup"] = Anonymous,
        ["POST /setup"] = Anonymous,
        ["POST /logout"] = CallerPolicies.Person,
        ["GET /"] = CallerPolicies.Person,
        ["GET /agents"] = CallerPolicies.Person,
        ["POST /agents/tokens"] = CallerPolicies.Operator,
        ["GET /agents/{id}"] = CallerPolicies.Person,
        ["POST /agents/{id}/revoke"] = CallerPolicies.Operator,
        ["POST /agents/{id}/rename"] = CallerPolicies.Operator,
        ["POST /agents/{id}/group"] = CallerPolicies.Operator,
        ["POST /agents/{id}/interval"] = CallerPolicies.Operator,
        ["GET /users"] = CallerPolicies.Admin,
        ["POST /users"] = CallerPolicies.Admin,
        ["GET /users/{name}"] = CallerPolicies.Admin,
        ["POST /users/{name}/role"] = CallerPolicies.Admin,
        ["POST /users/{name}/password"] = CallerPolicies.Admin,
        ["POST /users/{name}/disable"] = CallerPolicies.Admin,
        ["POST /users/{name}/enable"] = CallerPolicies.Admin,
        ["POST /users/{name}/sessions/end"] = CallerPolicies.Admin,
        ["POST /users/{name}/grants"] = CallerPolicies.Admin,
        ["POST /users/{name}/grants/remove"] = CallerPolicies.Admin,
        ["GET /snapshots/{id}"] = CallerPolicies.Person,
        ["GET /snapshots/{id}/file"] = CallerPolicies.Person,
        ["GET /snapshots/{id}/search"] = CallerPolicies.Person,
        ["GET /snapshots/{id}/download"] = CallerPolicies.Person,
        ["GET /snapshots/{id}/archive"] = CallerPolicies.Person,
        ["GET /replication"] = CallerPolicies.Operator,
        ["GET /sites"] = CallerPolicies.Operator,
        ["POST /sites/{site}/unlock"] = CallerPolicies.Admin,
        ["POST /sites/{site}/lock"] = CallerPolicies.Admin,
        ["GET /sites/{site}/agents"] = CallerPolicies.Operator,
        ["GET /sites/{site}/snapshots/{id}"] = CallerPolicies.Operator,
        ["GET /sites/{site}/snapshots/{id}/file"] = CallerPolicies.Operator,
        ["GET /sites/{site}/snapshots/{id}/search"] = CallerPolicies.Operator,
        ["GET /sites/{site}/snapshots/{id}/download"] = CallerPolicies.Operator,
        ["GET /sites/{site}/snapshots/{id}/archive"] = CallerPolicies.Operator,
        ["GET /audit"] = CallerPolicies.Admin,
        ["GET /audit.csv"] = CallerPolicies.Admin,
    };

    [Test]
    public async Task Every_endpoint_has_an_explicit_policy_or_anonymous_marker()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var time = TimeProvider.System;
        SiteInitializer.Create(data, "school", time);
        var config = ConfigLoader.Load(null, new ConfigOverrides(data.Root, "https://127.0.0.1:0", "school"));
        await using var app = ApplianceHost.Build(config, data, SiteKeys.Open(data), time);

        var actual = new Dictionary<string, string>();
        foreach (var endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"];
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            // Exactly one declaration: an anonymous marker beside a policy would silently disable the policy.
            var caller = (anonymous, policies.Count) switch
            {
                (true, 0) => Anonymous,
                (false, 1) => policies[0]!,
                _ => $"undeclared or ambiguous (anonymous={anonymous}, policies={string.Join(",", policies)})",
            };
            foreach (var method in methods)
                actual[$"{method} {endpoint.RoutePattern.RawText}"] = caller;
        }

        await Assert.That(actual).IsEquivalentTo(Expected);
    }
}
