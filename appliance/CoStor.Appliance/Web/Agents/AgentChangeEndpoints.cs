using System.Globalization;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Shell;
using CoStor.Appliance.Web.Users;

namespace CoStor.Appliance.Web.Agents;

/// <summary>
/// Operators' changes to a PC: rename, group (an existing one or a new one), expected backup interval, revoke. Each
/// posts, then redirects back to the PC's page with what was done; a refused change re-renders the page with the
/// reason (400) and changes nothing. <see cref="AgentStore"/> audits each change.
/// </summary>
public static class AgentChangeEndpoints
{
    private static readonly Dictionary<string, string> Done = new()
    {
        ["revoked"] = "This PC is revoked: its next request will be refused.", ["renamed"] = "Renamed.", ["grouped"] = "Group changed.",
        ["interval"] = "Expected backup interval changed.",
    };

    public static string? Notice(string? done) => done is not null && Done.TryGetValue(done, out var notice) ? notice : null;

    public static void MapAgentChanges(this IEndpointRouteBuilder operators)
    {
        operators.MapPost("/agents/{id}/revoke", Task<IResult> ([AsParameters] AgentChange change) =>
            ApplyAsync(change, "revoked", (form, address) => change.Agents.Revoke(change.Id, change.Person.Name) is null ? "there is no such PC" : null));
        operators.MapPost("/agents/{id}/rename", Task<IResult> ([AsParameters] AgentChange change) =>
            ApplyAsync(change, "renamed", (form, address) => change.Agents.Rename(change.Id, form["name"].ToString(), change.Person.Name, address)));
        operators.MapPost("/agents/{id}/group", Task<IResult> ([AsParameters] AgentChange change) =>
            ApplyAsync(change, "grouped", (form, address) => SetGroup(change, form["group"].ToString(), form["new-group"].ToString().Trim(), address)));
        operators.MapPost("/agents/{id}/interval", Task<IResult> ([AsParameters] AgentChange change) =>
            ApplyAsync(change, "interval", (form, address) => int.TryParse(form["hours"], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) && hours is >= 1 and <= 24 * 366
                ? change.Agents.SetExpectedInterval(change.Id, hours * 60, change.Person.Name, address)
                : "the interval must be a whole number of hours from 1 to 8784"));
    }

    /// <summary>A new group's name wins over the list; an empty choice takes the PC out of its group.</summary>
    private static string? SetGroup(AgentChange change, string chosen, string created, string? address)
    {
        if (created.Length > 0)
        {
            if (!change.Agents.Groups().Any(group => string.Equals(group.Name, created, StringComparison.OrdinalIgnoreCase))
                && change.Agents.CreateGroup(created, change.Person.Name, address) is { } error)
                return error;
            return change.Agents.SetGroup(change.Id, created, change.Person.Name, address);
        }
        return change.Agents.SetGroup(change.Id, chosen.Length == 0 ? null : chosen, change.Person.Name, address);
    }

    private static async Task<IResult> ApplyAsync(AgentChange change, string done, Func<IFormCollection, string?, string?> apply)
    {
        var context = change.Context;
        if (change.Agents.Find(change.Id) is null)
            return AgentEndpoints.NotFound(context, change.Frames);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (apply(form, context.Connection.RemoteIpAddress?.ToString()) is { } error)
            return AgentEndpoints.Render(change.Id, context, change.Person, change.Frames, change.Agents, change.Snapshots, change.Visibility,
                UsersEndpoints.Sentence(error), null).WithStatus(StatusCodes.Status400BadRequest);
        return TypedResults.Redirect($"/agents/{Uri.EscapeDataString(change.Id)}?done={done}");
    }
}
