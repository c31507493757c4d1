using CoStor.EndToEnd.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CoStor.EndToEnd.Tests.Admin;

/// <summary>The admin verbs of the real binary: users, agent names, and the audit chain's verification.</summary>
public class AdminCommandTests
{
    private const string Password = "a long enough password\n";

    static AdminCommandTests() => SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_e_sqlite3());

    [Test]
    public async Task User_verbs_change_users_and_refuse_bad_input_with_one_line_and_exit_1()
    {
        using var temp = new TempDirectory();
        var data = await SiteWithUsersAsync(temp);

        var list = await Tools.ApplianceAsync("user", "list", "--data", data);
        await Assert.That(list.Stdout).Contains("ann").And.Contains("restorer");
        await Assert.That((await Tools.ApplianceAsync("user", "role", "bob", "operator", "--data", data)).ExitCode).IsEqualTo(0);
        await ExpectRefusalAsync(await Tools.ApplianceAsync("user", "role", "bob", "root", "--data", data), "role 'root' is not one of admin, operator, restorer");
        await ExpectRefusalAsync(await Tools.ApplianceAsync("user", "disable", "ann", "--data", data), "'ann' is the last enabled admin; make another user admin first");
        await ExpectRefusalAsync(await Tools.ApplianceAsync("user", "role", "ann", "restorer", "--data", data), "last enabled admin");
        await ExpectRefusalAsync(await Tools.ApplianceAsync("user", "disable", "nobody", "--data", data), "no user 'nobody'");
        await ExpectRefusalAsync(await Tools.ApplianceAsync("user", "passwd", "bob", "--data", data), "--password-stdin");
        await ExpectRefusalAsync(await Tools.RunWithInputAsync(Tools.ApplianceDll, "short\n", "user", "passwd", "bob", "--password-stdin", "--data", data), "at least 12 characters");
        var passwd = await Tools.RunWithInputAsync(Tools.ApplianceDll, "another long password\n", "user", "passwd", "bob", "--password-stdin", "--data", data);
        await Assert.That(passwd.ExitCode).IsEqualTo(0).Because(passwd.ToString());
        await Assert.That((await Tools.ApplianceAsync("user", "disable", "bob", "--data", data)).ExitCode).IsEqualTo(0);
        await Assert.That((await Tools.ApplianceAsync("user", "list", "--data", data)).Stdout).Contains("disabled");
        await Assert.That((await Tools.ApplianceAsync("user", "enable", "bob", "--data", data)).ExitCode).IsEqualTo(0);

        var verify = await Tools.ApplianceAsync("audit", "verify", "--data", data);
        await Assert.That(verify.ExitCode).IsEqualTo(0).Because(verify.ToString());
        // site.create, 2 × user.add, role, 2 refusals of the last admin, passwd, disable, enable
        await Assert.That(verify.Stdout).IsEqualTo("ok: 9 entries\n");
        await Assert.That(verify.Stderr).Matches("^head 9:[0-9a-f]{64} ");
    }

    [Test]
    public async Task Agent_rename_renames_and_refuses_unprintable_names_and_unknown_ids()
    {
        using var temp = new TempDirectory();
        var data = await SiteWithUsersAsync(temp);
        Sql(data, "INSERT INTO agents (id, name, host, secret_hash, enrolled_at) VALUES ('a1b2c3d4e5f60718', 'DESKTOP-4F2K', 'host', zeroblob(32), '2026-12-01T08:00:00.0000000Z')");

        var renamed = await Tools.ApplianceAsync("agent", "rename", "a1b2c3d4e5f60718", "Reception PC", "--data", data);
        await Assert.That(renamed.ExitCode).IsEqualTo(0).Because(renamed.ToString());
        await ExpectRefusalAsync(await Tools.ApplianceAsync("agent", "rename", "a1b2c3d4e5f60718", "evil\u202Etxt.exe", "--data", data), "printable characters");
        await ExpectRefusalAsync(await Tools.ApplianceAsync("agent", "rename", "nosuchagent", "x", "--data", data), "no agent with id 'nosuchagent'");
        await Assert.That((await Tools.ApplianceAsync("agent", "list", "--data", data)).Stdout).Contains("Reception PC");
    }

    [Test]
    [Arguments("UPDATE audit_log SET detail = 'role=admin' WHERE id = 3", "entry 3 (", " user.add): hash does not match")]
    [Arguments("DELETE FROM audit_log WHERE id = 2", "entry 3 (", " user.add): entry 2 before it is missing (deleted entry detected)")]
    [Arguments("UPDATE audit_log SET id = -1 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -1", "entry 2 (", "(reordered)")]
    [Arguments("DELETE FROM audit_log WHERE id = 3", "entries 3..3 are missing at the end", "")]
    public async Task Audit_verify_names_the_first_broken_link_and_exits_1(string tamper, string start, string end)
    {
        using var temp = new TempDirectory();
        var data = await SiteWithUsersAsync(temp);
        await Assert.That((await Tools.ApplianceAsync("audit", "verify", "--data", data)).ExitCode).IsEqualTo(0);
        Sql(data, tamper);

        var verify = await Tools.ApplianceAsync("audit", "verify", "--data", data);

        await Assert.That(verify.ExitCode).IsEqualTo(1);
        await Assert.That(verify.Stdout).IsEmpty();
        await Assert.That(verify.Stderr).StartsWith("costor-appliance: " + start).And.EndsWith(end + "\n");
        await Assert.That(verify.Stderr.TrimEnd('\n')).DoesNotContain("\n");
    }

    /// <summary>A new site with admin 'ann' and restorer 'bob': three audit entries (site.create, user.add ×2).</summary>
    private static async Task<string> SiteWithUsersAsync(TempDirectory temp)
    {
        var data = temp.Sub("data");
        await Tools.ApplianceAsync("init", "--data", data);
        foreach (var (name, role) in new[] { ("ann", "admin"), ("bob", "restorer") })
        {
            var added = await Tools.RunWithInputAsync(Tools.ApplianceDll, Password, "user", "add", name, "--role", role, "--password-stdin", "--data", data);
            await Assert.That(added.ExitCode).IsEqualTo(0).Because(added.ToString());
        }
        return data;
    }

    private static async Task ExpectRefusalAsync(ToolResult result, string reason)
    {
        await Assert.That(result.ExitCode).IsEqualTo(1).Because(result.ToString());
        await Assert.That(result.Stderr).Contains(reason);
        await Assert.That(result.Stderr.TrimEnd('\n')).DoesNotContain("\n");
    }

    private static void Sql(string data, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(data, "catalogue.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
