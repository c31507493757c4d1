using System.Security.Claims;
using System.Text.Encodings.Web;
using CoStor.Appliance.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CoStor.Appliance.Authentication;

/// <summary>
/// The <see cref="CallerSchemes.ScrapeToken"/> scheme: <c>Authorization: Bearer &lt;token&gt;</c> matching the
/// <see cref="ScrapeCredential"/>. A refusal is a plain-text 401 with <c>WWW-Authenticate</c>, as Prometheus expects.
/// </summary>
public sealed class ScrapeTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ScrapeCredential credential)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        if (!credential.Accepts(header))
            return Task.FromResult(AuthenticateResult.Fail("wrong scrape token"));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "scraper")], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"costor-metrics\"";
        Response.ContentType = "text/plain; charset=utf-8";
        await Response.WriteAsync("metrics need the scrape token: 'Authorization: Bearer <token>' (costor-appliance metrics token)\n");
    }
}
