using RazorSlices;
using CoStor.Appliance.Authentication;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Web.Shell;
using CoStor.Web.Login;

namespace CoStor.Appliance.Web.Login;

/// <summary>Sign-in and sign-out. Every attempt, its outcome and its address go to the audit log.</summary>
public static class LoginEndpoints
{
    public static void MapLogin(this IEndpointRouteBuilder anonymous, IEndpointRouteBuilder people)
    {
        anonymous.MapGet("/login", ShowForm);
        anonymous.MapPost("/login", SignInAsync);
        people.MapPost("/logout", SignOut);
    }

    private static IResult ShowForm(HttpContext context, PageFrames frames, string? @return) =>
        LoginPage.Create(new LoginView(frames.For(context, "Sign in", "login"), null, null, LocalPath(@return)));

    private static async Task<IResult> SignInAsync(HttpContext context, PageFrames frames, UserStore users, WebSessionStore sessions,
        LoginThrottle throttle, AuditLog audit, TimeProvider time)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var name = form["name"].ToString().Trim();
        var password = form["password"].ToString();
        var returnUrl = LocalPath(form["return"].ToString());
        var address = context.Connection.RemoteIpAddress?.ToString();
        IResult Refuse(string error, int status)
        {
            return LoginPage.Create(new LoginView(frames.For(context, "Sign in", "login"), name, error, returnUrl)).WithStatus(status);
        }
        if (name.Length is 0 or > 64 || password.Length is 0 or > 1024)
            return Refuse("Enter your user name and password.", StatusCodes.Status400BadRequest);
        if (throttle.LockedUntil(name, address) is { } until)
        {
            audit.Record(new AuditEvent(name, "login", Detail: "locked out", Address: address, Outcome: AuditOutcome.Refused));
            var minutes = Math.Max(1, (int)Math.Ceiling((until - time.GetUtcNow()).TotalMinutes));
            return Refuse($"Too many failed sign-ins. Try again in {minutes} minute{(minutes == 1 ? "" : "s")}.", StatusCodes.Status429TooManyRequests);
        }
        if (users.SignIn(name, password) is not { } user)
        {
            throttle.Failed(name, address);
            audit.Record(new AuditEvent(name, "login", Detail: "wrong user name or password", Address: address, Outcome: AuditOutcome.Failed));
            return Refuse("Wrong user name or password.", StatusCodes.Status401Unauthorized);
        }
        throttle.Succeeded(user.Name);
        SessionCookie.Set(context, sessions.Start(user.Name, address));
        audit.Record(new AuditEvent(user.Name, "login", Address: address));
        return TypedResults.Redirect(returnUrl ?? "/");
    }

    private static IResult SignOut(HttpContext context, PersonCaller person, WebSessionStore sessions, AuditLog audit)
    {
        sessions.End(person.Session.IdHash);
        SessionCookie.Clear(context);
        audit.Record(new AuditEvent(person.Name, "logout", Address: context.Connection.RemoteIpAddress?.ToString()));
        return TypedResults.Redirect("/login");
    }

    /// <summary>Only a path on this appliance is followed after sign-in (never another site: no open redirect).</summary>
    private static string? LocalPath(string? value) =>
        !string.IsNullOrEmpty(value) && value[0] == '/' && (value.Length == 1 || (value[1] != '/' && value[1] != '\\')) ? value : null;
}
