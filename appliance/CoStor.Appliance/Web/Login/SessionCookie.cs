using CoStor.Appliance.Authentication;

namespace CoStor.Appliance.Web.Login;

/// <summary>The session cookie: HttpOnly, Secure, SameSite=Strict, whole site, ending with the browser.</summary>
public static class SessionCookie
{
    public static void Set(HttpContext context, string value) =>
        context.Response.Cookies.Append(PersonSessionHandler.CookieName, value, Options());

    public static void Clear(HttpContext context) =>
        context.Response.Cookies.Delete(PersonSessionHandler.CookieName, Options());

    private static CookieOptions Options() => new() { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true };
}
