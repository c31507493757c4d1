using System.Security.Claims;
using System.Text.Encodings.Web;
using CoStor.Appliance.Catalogue;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CoStor.Appliance.Authentication;

/// <summary>
/// The <see cref="CallerSchemes.PersonSession"/> scheme: the session cookie of a signed-in person, looked up in
/// <see cref="WebSessionStore"/> on every request (so a revoked session or a disabled user is refused at once).
/// Not signed in: a page request is sent to the sign-in page, an htmx request gets <c>HX-Redirect</c> there.
/// </summary>
public sealed class PersonSessionHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, WebSessionStore sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The <c>__Host-</c> prefix makes browsers insist on Secure, Path=/ and no Domain.</summary>
    public const string CookieName = "__Host-costor-session";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
            return Task.FromResult(AuthenticateResult.NoResult());
        if (sessions.Find(value) is not { } session)
            return Task.FromResult(AuthenticateResult.Fail("session ended"));
        Context.Features.Set(new PersonCaller(session));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, session.UserName), new Claim(ClaimTypes.Role, session.Role)], Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var signIn = "/login?return=" + Uri.EscapeDataString(Request.Path + Request.QueryString);
        if (Request.Headers.ContainsKey("HX-Request"))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers["HX-Redirect"] = signIn;
        }
        else
        {
            Response.Redirect(signIn);
        }
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.ContentType = "text/plain; charset=utf-8";
        return Response.WriteAsync("Your role does not allow this page. Ask an administrator.");
    }
}
