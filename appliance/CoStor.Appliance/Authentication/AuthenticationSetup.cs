using Microsoft.AspNetCore.Authentication;

namespace CoStor.Appliance.Authentication;

/// <summary>Registers every caller scheme and its policy (<see cref="CallerSchemes"/>, <see cref="CallerPolicies"/>).</summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AgentBearerHandler>(CallerSchemes.AgentBearer, null)
            .AddScheme<AuthenticationSchemeOptions, ScrapeTokenHandler>(CallerSchemes.ScrapeToken, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(CallerPolicies.Agent, policy => policy.AddAuthenticationSchemes(CallerSchemes.AgentBearer).RequireAuthenticatedUser())
            .AddPolicy(CallerPolicies.Scraper, policy => policy.AddAuthenticationSchemes(CallerSchemes.ScrapeToken).RequireAuthenticatedUser());
        return services;
    }
}
