using System.Security.Claims;
using System.Text.Encodings.Web;
using CoStor.Appliance.Api;
using CoStor.Appliance.Catalogue;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CoStor.Appliance.Authentication;

/// <summary>
/// The <see cref="CallerSchemes.AgentBearer"/> scheme: <c>Authorization: Bearer &lt;agentId&gt;.&lt;credential&gt;</c>,
/// checked against the credential hash in the catalogue. A refusal is the agent API's JSON error (401).
/// </summary>
public sealed class AgentBearerHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AgentStore agents)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Prefix = "Bearer ";
    private const int MaxLength = 256;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
            return Task.FromResult(AuthenticateResult.NoResult());
        var value = header.AsSpan(Prefix.Length).Trim();
        var dot = value.IndexOf('.');
        if (dot <= 0 || dot == value.Length - 1 || value.Length > MaxLength)
            return Task.FromResult(AuthenticateResult.Fail("not an agent credential"));
        var check = agents.Authenticate(value[..dot].ToString(), value[(dot + 1)..].ToString());
        if (check.Agent is not { } agent)
        {
            Context.Items[RefusalKey] = check.Refusal;
            return Task.FromResult(AuthenticateResult.Fail(check.Refusal!));
        }
        Context.Features.Set(new AgentCaller(agent));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, agent.Id), new Claim(ClaimTypes.Name, agent.Name)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        // A revoked agent is told so; every other refusal gets the one fixed text.
        return (Context.Items[RefusalKey] is string refusal && refusal != AgentCheck.Unknown.Refusal
            ? ApiErrors.Error(StatusCodes.Status401Unauthorized, refusal)
            : ApiErrors.Unauthorized()).ExecuteAsync(Context);
    }

    private const string RefusalKey = "costor.agent-refusal";

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiErrors.Error(StatusCodes.Status403Forbidden, "this agent may not make this call").ExecuteAsync(Context);
}
