using CoStor.Appliance.Hosting;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Hosting;

public class ScrapeCredentialTests
{
    [Test]
    public async Task A_missing_token_file_is_created_private_and_read_back_the_same()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "etc", "metrics.token");
        var created = ScrapeCredential.LoadOrCreate(path);

        await Assert.That(created.Token).Matches("^csm_[0-9a-f]{64}$");
        await Assert.That(File.GetUnixFileMode(path)).IsEqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await Assert.That(ScrapeCredential.LoadOrCreate(path).Token).IsEqualTo(created.Token);
        await Assert.That(created.Accepts("Bearer " + created.Token)).IsTrue();
        await Assert.That(created.Accepts("Bearer " + created.Token + "x")).IsFalse();
        await Assert.That(created.Accepts(created.Token)).IsFalse();
        await Assert.That(created.Accepts(null)).IsFalse();
    }

    [Test]
    public async Task An_admin_token_is_used_as_written_and_a_short_one_is_refused()
    {
        using var scratch = new ScratchDirectory();
        var path = Path.Combine(scratch.Path, "metrics.token");
        await File.WriteAllTextAsync(path, "a-token-chosen-by-the-admin\n");
        await Assert.That(ScrapeCredential.LoadOrCreate(path).Accepts("Bearer a-token-chosen-by-the-admin")).IsTrue();

        await File.WriteAllTextAsync(path, "short");
        var error = Assert.Throws<CoStor.Appliance.Errors.ApplianceException>(() => ScrapeCredential.LoadOrCreate(path));
        await Assert.That(error.Message).Contains("at least 16 characters");
    }
}
