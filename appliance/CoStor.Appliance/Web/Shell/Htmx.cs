namespace CoStor.Appliance.Web.Shell;

/// <summary>The htmx request and response headers the UI uses, in one place.</summary>
public static class Htmx
{
    /// <summary>Sent by htmx on every request it makes: the handler may answer with a fragment instead of a page.</summary>
    public const string Request = "HX-Request";

    /// <summary>Makes htmx load another page (a full navigation), e.g. to the sign-in page.</summary>
    public const string Redirect = "HX-Redirect";

    /// <summary>Raises client-side events (kebab-case names, e.g. <c>agent-renamed</c>) that lists listen for.</summary>
    public const string Trigger = "HX-Trigger";

    public static bool IsHtmx(this HttpRequest request) => request.Headers.ContainsKey(Request);

    /// <summary>A URL that answers both a page and a fragment must say so to caches.</summary>
    public static void VaryOnHtmx(this HttpResponse response) => response.Headers.Append("Vary", Request);
}
