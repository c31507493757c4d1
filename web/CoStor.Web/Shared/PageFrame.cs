namespace CoStor.Web.Shared;

/// <summary>What every page's layout needs: its title, who is signed in, which section is current, and the
/// anti-forgery token that forms carry in a hidden field and htmx sends as a header.</summary>
public sealed record PageFrame(string Title, SignedInPerson? Person, string Section, AntiforgeryField Antiforgery);

/// <summary>The signed-in person as the pages show them; <see cref="Role"/> decides which sections are linked.</summary>
public sealed record SignedInPerson(string Name, string Role)
{
    public bool IsAdmin => Role == "admin";
    public bool IsOperator => Role is "admin" or "operator";
}

/// <summary>The anti-forgery token and the names it travels under (form field, request header).</summary>
public sealed record AntiforgeryField(string FormFieldName, string HeaderName, string Token)
{
    /// <summary>The value of the body's <c>hx-headers</c> attribute (JSON; the token is URL-safe base64).</summary>
    public string HxHeaders => $"{{\"{HeaderName}\":\"{Token}\"}}";
}
