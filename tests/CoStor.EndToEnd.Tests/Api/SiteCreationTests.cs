using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>The recovery key is never lost and never logged; the data directory and its secrets are the owner's alone.</summary>
public class SiteCreationTests
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Test]
    public async Task Serve_that_cannot_listen_after_creating_a_site_removes_it_and_keeps_what_was_there()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "notes.txt"), "the admin's own file");
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var failed = await Tools.ApplianceAsync("serve", "--data", data, "--urls", $"https://127.0.0.1:{port}");

        await Assert.That(failed.ExitCode).IsNotEqualTo(0);
        await Assert.That(failed.Stdout).DoesNotContain("recovery key");
        await Assert.That(File.Exists(Path.Combine(data, "keyring.sealed"))).IsFalse();
        await Assert.That(File.Exists(Path.Combine(data, "catalogue.db"))).IsFalse();
        await Assert.That(await File.ReadAllTextAsync(Path.Combine(data, "notes.txt"))).IsEqualTo("the admin's own file");

        occupied.Stop();
        await using var second = await ApplianceProcess.StartAsync(data);
        for (var i = 0; i < 100 && !second.Output.Contains("recovery key:"); i++)
            await Task.Delay(50);
        await Assert.That(second.Output).Contains("recovery key:");
    }

    [Test]
    public async Task Under_a_service_manager_serve_does_not_create_a_site_whose_key_would_go_to_the_journal()
    {
        using var temp = new TempDirectory();
        var info = Tools.StartInfo(Tools.ApplianceDll, ["serve", "--data", temp.Sub("data"), "--urls", "https://127.0.0.1:0"]);
        info.Environment["INVOCATION_ID"] = "0123456789abcdef0123456789abcdef";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        await Assert.That(process.ExitCode).IsEqualTo(1);
        await Assert.That(await stderr).Contains("run 'costor-appliance init --data");
        await Assert.That(await stdout).DoesNotContain("recovery key");
        await Assert.That(File.Exists(Path.Combine(temp.Sub("data"), "keyring.sealed"))).IsFalse();
    }

    [Test]
    public async Task The_machine_key_can_live_apart_from_the_data_directory_and_is_needed_to_start()
    {
        using var temp = new TempDirectory();
        var machineKey = Path.Combine(temp.Sub("system"), "costor", "machine.key");
        await using (var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"), 0, "--machine-key", machineKey))
            await Assert.That(appliance.Fingerprint).Matches("^[0-9a-f]{64}$");

        await Assert.That(File.Exists(machineKey)).IsTrue();
        await Assert.That(File.GetUnixFileMode(machineKey)).IsEqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await Assert.That(File.Exists(Path.Combine(temp.Sub("data"), "machine.key"))).IsFalse();
        var withoutKey = await Tools.ApplianceAsync("fingerprint", "--data", temp.Sub("data"));
        await Assert.That(withoutKey.ExitCode).IsEqualTo(1);
        await Assert.That(withoutKey.Stderr).Contains("machine key").And.Contains("is missing");
        var withKey = await Tools.ApplianceAsync("fingerprint", "--data", temp.Sub("data"), "--machine-key", machineKey);
        await Assert.That(withKey.ExitCode).IsEqualTo(0).Because(withKey.ToString());
    }

    [Test]
    public async Task The_data_directory_is_0700_and_the_catalogue_wal_and_key_files_are_0600()
    {
        using var temp = new TempDirectory();
        await using var appliance = await ApplianceProcess.StartAsync(temp.Sub("data"));
        await appliance.EnrolAsync(temp.Sub("agent"));

        await Assert.That(File.GetUnixFileMode(appliance.DataDir)).IsEqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var name in new[] { "catalogue.db", "catalogue.db-wal", "keyring.sealed", "keyring.recovery", "machine.key", "metrics.token" })
            await Assert.That(File.GetUnixFileMode(Path.Combine(appliance.DataDir, name)) & GroupOrOther).IsEqualTo((UnixFileMode)0).Because(name);
        foreach (var directory in Directory.EnumerateDirectories(appliance.DataDir))
            await Assert.That(File.GetUnixFileMode(directory) & GroupOrOther).IsEqualTo((UnixFileMode)0).Because(directory);
    }
}
