using Microsoft.AspNetCore.Authentication;

namespace CoStor.Appliance.Authentication;

/// <summary>Registers every caller scheme and its policy (<see cref="CallerSchemes"/>, <see cref="CallerPolicies"/>).</summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AgentBearerHandler>(CallerSchemes.AgentBearer, null)
            .AddScheme<AuthenticationSchemeOptions, ScrapeTokenHandler>(CallerSchemes.ScrapeToken, null)
            .AddScheme<AuthenticationSchemeOptions, PersonSessionHandler>(CallerSchemes.PersonSession, null)
            .AddScheme<AuthenticationSchemeOptions, PeerCertificateHandler>(CallerSchemes.PeerCertificate, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(CallerPolicies.Agent, policy => policy.AddAuthenticationSchemes(CallerSchemes.AgentBearer).RequireAuthenticatedUser())
            .AddPolicy(CallerPolicies.Peer, policy => policy.AddAuthenticationSchemes(CallerSchemes.PeerCertificate).RequireAuthenticatedUser())
            .AddPolicy(CallerPolicies.Scraper, policy => policy.AddAuthenticationSchemes(CallerSchemes.ScrapeToken).RequireAuthenticatedUser())
            .AddPolicy(CallerPolicies.Person, policy => policy.AddAuthenticationSchemes(CallerSchemes.PersonSession).RequireRole("admin", "operator", "restorer"))
            .AddPolicy(CallerPolicies.Operator, policy => policy.AddAuthenticationSchemes(CallerSchemes.PersonSession).RequireRole("admin", "operator"))
            .AddPolicy(CallerPolicies.Admin, policy => policy.AddAuthenticationSchemes(CallerSchemes.PersonSession).RequireRole("admin"));
        return services;
    }
}
