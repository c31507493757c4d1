using CoStor.Appliance.Catalogue;

namespace CoStor.Appliance.Authentication;

/// <summary>
/// The signed-in person making the request, set by <see cref="PersonSessionHandler"/>. A web handler in a group that
/// requires a person policy takes it as a parameter; outside such a group it is never set.
/// </summary>
public sealed record PersonCaller(WebSession Session)
{
    public string Name => Session.UserName;
    public string Role => Session.Role;

    public static ValueTask<PersonCaller?> BindAsync(HttpContext context) => ValueTask.FromResult(context.Features.Get<PersonCaller>());
}
