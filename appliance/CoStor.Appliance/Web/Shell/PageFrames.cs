using CoStor.Appliance.Authentication;
using CoStor.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;

namespace CoStor.Appliance.Web.Shell;

/// <summary>Builds the <see cref="PageFrame"/> every page's layout needs from the request.</summary>
public sealed class PageFrames(IAntiforgery antiforgery)
{
    public PageFrame For(HttpContext context, string title, string section)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var person = context.Features.Get<PersonCaller>() is { } caller ? new SignedInPerson(caller.Name, caller.Role) : null;
        return new PageFrame(title, person, section, new AntiforgeryField(tokens.FormFieldName, tokens.HeaderName!, tokens.RequestToken!));
    }
}
