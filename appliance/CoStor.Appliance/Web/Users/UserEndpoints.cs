using RazorSlices;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Errors;
using CoStor.Web.Users;

namespace CoStor.Appliance.Web.Users;

/// <summary>
/// <c>/users/{name}</c> (admins): change role, reset password (which signs the person out everywhere), disable or
/// enable, and a restorer's grants of PCs and groups. Each change posts, then redirects back with what was done.
/// </summary>
public static class UserEndpoints
{
    private static readonly Dictionary<string, string> Done = new()
    {
        ["role"] = "Role changed.", ["password"] = "Password reset; they are signed out everywhere.", ["disable"] = "Disabled and signed out.",
        ["enable"] = "Enabled.", ["grant"] = "Granted.", ["ungrant"] = "Grant removed.", ["signout"] = "Signed out everywhere.",
    };

    public static void MapUser(this IEndpointRouteBuilder admins)
    {
        admins.MapGet("/users/{name}", Show);
        admins.MapPost("/users/{name}/role", Task<IResult> (string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents) =>
            ChangeAsync(name, "role", context, person, frames, users, agents, form => users.ChangeRole(name, form["role"].ToString(), person.Name, Address(context))));
        admins.MapPost("/users/{name}/password", Task<IResult> (string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents, WebSessionStore sessions) =>
            ChangeAsync(name, "password", context, person, frames, users, agents, form => users.ResetPassword(name, form["password"].ToString(), person.Name, Address(context)) ?? Ended(sessions, name)));
        admins.MapPost("/users/{name}/disable", Task<IResult> (string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents, WebSessionStore sessions) =>
            ChangeAsync(name, "disable", context, person, frames, users, agents, _ => string.Equals(name, person.Name, StringComparison.OrdinalIgnoreCase)
                ? "you cannot disable yourself" : users.Disable(name, person.Name, Address(context)) ?? Ended(sessions, name)));
        admins.MapPost("/users/{name}/sessions/end", Task<IResult> (string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents, WebSessionStore sessions, AuditLog audit) =>
            ChangeAsync(name, "signout", context, person, frames, users, agents, _ =>
            {
                audit.Record(new AuditEvent(person.Name, "user.signout", name, $"{sessions.EndAllOf(name)} session(s) ended", Address(context)));
                return null;
            }));
        admins.MapPost("/users/{name}/enable", Task<IResult> (string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents) =>
            ChangeAsync(name, "enable", context, person, frames, users, agents, _ => users.Enable(name, person.Name, Address(context))));
        admins.MapPost("/users/{name}/grants", Task<IResult> (string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents) =>
            ChangeAsync(name, "grant", context, person, frames, users, agents, form => Grant(users, name, form["grant"].ToString(), person.Name, Address(context), add: true)));
        admins.MapPost("/users/{name}/grants/remove", Task<IResult> (string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents) =>
            ChangeAsync(name, "ungrant", context, person, frames, users, agents, form => Grant(users, name, form["grant"].ToString(), person.Name, Address(context), add: false)));
    }

    private static IResult Show(string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents, string? done) =>
        Render(name, context, person, frames, users, agents, null, done is not null && Done.TryGetValue(done, out var notice) ? notice : null);

    private static async Task<IResult> ChangeAsync(string name, string what, HttpContext context, PersonCaller person, PageFrames frames, UserStore users,
        AgentStore agents, Func<IFormCollection, string?> change)
    {
        if (users.Find(name) is null)
            return NotFound(context, frames);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (change(form) is { } error)
        {
            return Render(name, context, person, frames, users, agents, UsersEndpoints.Sentence(error), null).WithStatus(StatusCodes.Status400BadRequest);
        }
        return TypedResults.Redirect($"/users/{Uri.EscapeDataString(name)}?done={what}");
    }

    private static string? Grant(UserStore users, string name, string grant, string actor, string? address, bool add) =>
        grant.Split(':', 2) switch
        {
            ["agent", var id] => add ? users.GrantAgent(name, id, actor, address) : users.RevokeAgent(name, id, actor, address),
            ["group", var group] => add ? users.GrantGroup(name, group, actor, address) : users.RevokeGroup(name, group, actor, address),
            _ => "choose a PC or a group",
        };

    private static RazorSlice Render(string name, HttpContext context, PersonCaller person, PageFrames frames, UserStore users, AgentStore agents,
        string? error, string? notice)
    {
        if (users.Find(name) is not { } user)
            return NotFound(context, frames);
        var grants = users.Grants(user.Name);
        var all = agents.List();
        var names = all.ToDictionary(agent => agent.Id, agent => agent.Name);
        return UserPage.Create(new UserView(frames.For(context, user.Name, "users"), UsersEndpoints.Row(user),
            string.Equals(user.Name, person.Name, StringComparison.OrdinalIgnoreCase), UserStore.Roles, UserStore.MinPasswordLength,
            [.. grants.AgentIds.Select(id => new Choice(id, names.GetValueOrDefault(id, id)))], grants.Groups,
            [.. all.Where(agent => !grants.AgentIds.Contains(agent.Id)).Select(agent => new Choice(agent.Id, agent.Name))],
            [.. agents.Groups().Select(group => group.Name).Where(group => !grants.Groups.Contains(group))], error, notice));
    }

    /// <summary>Ends every session of a user whose password was reset or who was disabled; null (no error) for chaining.</summary>
    private static string? Ended(WebSessionStore sessions, string name)
    {
        sessions.EndAllOf(name);
        return null;
    }

    private static string? Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    private static RazorSlice NotFound(HttpContext context, PageFrames frames)
    {
        return MessagePage.Create(new MessageView(frames.For(context, "Not found", "users"), "Not found", "There is no such user.")).WithStatus(StatusCodes.Status404NotFound);
    }
}
