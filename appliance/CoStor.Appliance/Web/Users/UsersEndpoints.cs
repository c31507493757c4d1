using RazorSlices;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Users;

namespace CoStor.Appliance.Web.Users;

/// <summary>
/// <c>/users</c> (admins): everyone who may sign in, and adding a person. One user's page and its changes are in
/// <see cref="UserEndpoints"/>. Every change goes through <see cref="UserStore"/>, which audits it and refuses (changing
/// nothing) what would leave no enabled admin.
/// </summary>
public static class UsersEndpoints
{
    public static void MapUsers(this IEndpointRouteBuilder admins)
    {
        admins.MapGet("/users", List);
        admins.MapPost("/users", AddAsync);
        admins.MapUser();
    }

    private static IResult List(HttpContext context, PageFrames frames, UserStore users, string? done) =>
        Render(context, frames, users, null, done is null ? null : $"{done} was added.");

    private static async Task<IResult> AddAsync(HttpContext context, PersonCaller person, PageFrames frames, UserStore users)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString().Trim();
        if (users.Add(name, form["role"].ToString(), form["password"].ToString(), person.Name, context.Connection.RemoteIpAddress?.ToString()) is { } error)
        {
            return Render(context, frames, users, Sentence(error), null).WithStatus(StatusCodes.Status400BadRequest);
        }
        return TypedResults.Redirect("/users?done=" + Uri.EscapeDataString(name));
    }

    private static RazorSlice Render(HttpContext context, PageFrames frames, UserStore users, string? error, string? notice) =>
        UsersPage.Create(new UsersView(frames.For(context, "Users", "users"), [.. users.List().Select(Row)], UserStore.Roles, UserStore.MinPasswordLength, error, notice));

    internal static UserRow Row(UserRecord user) => new(user.Name, user.Role, user.Enabled, user.CreatedAt, user.PasswordChangedAt);

    /// <summary>The stores' one-line reasons, as the pages show them: a capital letter and a full stop.</summary>
    internal static string Sentence(string reason) => char.ToUpperInvariant(reason[0]) + reason[1..].TrimEnd('.') + ".";
}
