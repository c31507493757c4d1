using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Api;

/// <summary>A second <c>serve</c> on a data directory that is being served is refused and changes nothing.</summary>
public class SecondApplianceTests
{
    [Test]
    public async Task A_second_appliance_on_the_same_data_directory_is_refused()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        await using var first = await ApplianceProcess.StartAsync(data);
        var state = await first.EnrolAsync(temp.Sub("agent"));

        var second = await Tools.ApplianceAsync("serve", "--data", data, "--urls", "https://127.0.0.1:0", "--site", "e2e");

        await Assert.That(second.ExitCode).IsEqualTo(1).Because(second.ToString());
        await Assert.That(second.Stderr).Contains("another costor-appliance is serving the data directory");
        await Assert.That(second.Stdout).DoesNotContain("listening on");
        // The first goes on serving: a backup through it completes.
        var source = temp.Sub("src");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "still served");
        var backup = await Tools.AgentAsync("backup", "--state", state, source);
        await Assert.That(backup.ExitCode).IsEqualTo(0).Because(backup.ToString());
    }
}
