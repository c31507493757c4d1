using RazorSlices;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Login;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Errors;
using CoStor.Web.Setup;

namespace CoStor.Appliance.Web.Setup;

/// <summary>
/// First run: while no enabled admin exists, the link printed at start (<c>/setup?code=…</c>) creates the first
/// admin and signs them in. The code works once; afterwards this page only says the appliance is set up.
/// </summary>
public static class SetupEndpoints
{
    public static void MapSetup(this IEndpointRouteBuilder anonymous)
    {
        anonymous.MapGet("/setup", ShowForm);
        anonymous.MapPost("/setup", CreateAdminAsync);
    }

    private static IResult ShowForm(HttpContext context, PageFrames frames, UserStore users, SetupCodeStore codes, string? code)
    {
        if (Refusal(context, frames, users, codes, code) is { } refusal)
            return refusal;
        return SetupPage.Create(new SetupView(frames.For(context, "Set up", "setup"), code!, null, null, UserStore.MinPasswordLength));
    }

    private static async Task<IResult> CreateAdminAsync(HttpContext context, PageFrames frames, UserStore users, SetupCodeStore codes,
        WebSessionStore sessions, AuditLog audit)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var code = form["code"].ToString();
        var name = form["name"].ToString().Trim();
        var password = form["password"].ToString();
        if (Refusal(context, frames, users, codes, code) is { } refusal)
            return refusal;
        IResult Again(string error)
        {
            return SetupPage.Create(new SetupView(frames.For(context, "Set up", "setup"), code, name, error, UserStore.MinPasswordLength)).WithStatus(StatusCodes.Status400BadRequest);
        }
        if (password != form["confirm"].ToString())
            return Again("The two passwords differ.");
        // Spent before the user is added, so two browsers racing on one link cannot both create an admin.
        if (!codes.Spend(code))
            return Refusal(context, frames, users, codes, null)!;
        var address = context.Connection.RemoteIpAddress?.ToString();
        if (users.Add(name, "admin", password, actor: "setup", address) is { } error)
        {
            codes.Restore(code);
            return Again(error + ".");
        }
        audit.Record(new AuditEvent(name, "setup", name, "first admin created from the setup link", address));
        SessionCookie.Set(context, sessions.Start(name, address));
        return TypedResults.Redirect("/");
    }

    private static IResult? Refusal(HttpContext context, PageFrames frames, UserStore users, SetupCodeStore codes, string? code)
    {
        if (users.HasEnabledAdmin())
            return Message(context, frames, "Already set up", "This appliance has an administrator. Sign in, or ask an administrator for an account.");
        if (!codes.IsValid(code))
            return Message(context, frames, "Setup link not valid",
                "This setup link has been used or replaced. Restart the appliance to print a new one, or add an admin with 'costor-appliance user add'.");
        return null;
    }

    private static RazorSlice Message(HttpContext context, PageFrames frames, string heading, string message)
    {
        return MessagePage.Create(new MessageView(frames.For(context, heading, "setup"), heading, message)).WithStatus(StatusCodes.Status404NotFound);
    }
}
