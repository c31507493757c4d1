using System.CommandLine;
using System.Globalization;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;

namespace CoStor.Appliance.Cli;

/// <summary>
/// <c>user add | list | disable | enable | passwd | role</c>: web UI users. Passwords come only on standard input
/// (<c>--password-stdin</c>), never on the command line. Changes are audited as done by <c>cli</c>.
/// </summary>
public static class UserCommands
{
    public static Command Build(Func<ParseResult, ApplianceConfig> resolve, TimeProvider time)
    {
        var name = new Argument<string>("name") { Description = "user name (letters, digits, '.', '-', '_')" };
        var roleOption = new Option<string>("--role") { Description = "admin | operator | restorer", Required = true };
        roleOption.AcceptOnlyFromAmong(UserStore.Roles);
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "read the password from standard input (required)" };
        var add = new Command("add", "Add a web UI user") { name, roleOption, passwordStdin };
        add.SetAction(result => ApplianceCommands.Run(() => Done(Open(resolve(result), time).Add(result.GetValue(name)!, result.GetValue(roleOption)!,
            ReadPassword(result.GetValue(passwordStdin)), "cli"), $"added {result.GetValue(roleOption)} '{result.GetValue(name)}'")));

        var list = new Command("list", "List users: name, role, status, created, password changed");
        list.SetAction(result => ApplianceCommands.Run(() => List(Open(resolve(result), time))));

        var disable = new Command("disable", "Disable a user (it can no longer sign in); never the last enabled admin") { name };
        disable.SetAction(result => ApplianceCommands.Run(() => Done(Open(resolve(result), time).Disable(result.GetValue(name)!, "cli"), $"disabled '{result.GetValue(name)}'")));
        var enable = new Command("enable", "Enable a disabled user") { name };
        enable.SetAction(result => ApplianceCommands.Run(() => Done(Open(resolve(result), time).Enable(result.GetValue(name)!, "cli"), $"enabled '{result.GetValue(name)}'")));

        var passwd = new Command("passwd", "Set a user's password (read from standard input)") { name, passwordStdin };
        passwd.SetAction(result => ApplianceCommands.Run(() => Done(Open(resolve(result), time).ResetPassword(result.GetValue(name)!,
            ReadPassword(result.GetValue(passwordStdin)), "cli"), $"set the password of '{result.GetValue(name)}'")));

        var roleArgument = new Argument<string>("role") { Description = "admin | operator | restorer" };
        var role = new Command("role", "Give a user another role; never demotes the last enabled admin") { name, roleArgument };
        role.SetAction(result => ApplianceCommands.Run(() => Done(Open(resolve(result), time).ChangeRole(result.GetValue(name)!, result.GetValue(roleArgument)!, "cli"),
            $"'{result.GetValue(name)}' is now {result.GetValue(roleArgument)}")));

        return new Command("user", "Web UI users") { add, list, disable, enable, passwd, role };
    }

    private static UserStore Open(ApplianceConfig config, TimeProvider time)
    {
        var database = CatalogueDatabase.Open(ApplianceCommands.RequireSite(config).CataloguePath);
        return new UserStore(database, new AuditLog(database, time), time);
    }

    /// <summary>The password from standard input without its final line end; refuses when not asked to read it.</summary>
    private static string ReadPassword(bool fromStdin)
    {
        if (!fromStdin)
            throw new ApplianceException("pass the password on standard input with --password-stdin (it never goes on the command line)");
        var password = Console.In.ReadToEnd();
        return password.EndsWith("\r\n", StringComparison.Ordinal) ? password[..^2] : password.TrimEnd('\n');
    }

    private static int Done(string? error, string message)
    {
        if (error is not null)
            throw new ApplianceException(error);
        Console.Error.WriteLine(message);
        return 0;
    }

    private static int List(UserStore users)
    {
        var output = Console.Out;
        output.WriteLine($"{"NAME",-24}  {"ROLE",-8}  {"STATUS",-8}  {"CREATED",-16}  PASSWORD CHANGED");
        foreach (var user in users.List())
            output.WriteLine($"{user.Name,-24}  {user.Role,-8}  {(user.Enabled ? "enabled" : "disabled"),-8}  {Time(user.CreatedAt),-16}  " +
                             (user.PasswordChangedAt is { } changed ? Time(changed) : "-"));
        return 0;
    }

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
