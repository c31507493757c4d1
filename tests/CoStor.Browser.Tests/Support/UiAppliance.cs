using System.Text.RegularExpressions;
using CoStor.EndToEnd.Tests.Support;
using Microsoft.Playwright;

namespace CoStor.Browser.Tests.Support;

/// <summary>A real appliance for browser tests, with helpers to set it up and sign in the way a person does.</summary>
public sealed partial class UiAppliance : IAsyncDisposable
{
    public const string AdminName = "ann";
    public const string AdminPassword = "correct horse battery";

    private readonly TempDirectory _temp;

    private UiAppliance(ApplianceProcess process, TempDirectory temp)
    {
        Process = process;
        _temp = temp;
    }

    public ApplianceProcess Process { get; }
    public string Url => Process.Url.TrimEnd('/');
    public TempDirectory Temp => _temp;

    /// <summary>Starts an appliance; <paramref name="config"/>, when given, is written to a TOML file it is started with.</summary>
    public static async Task<UiAppliance> StartAsync(string? config = null)
    {
        var temp = new TempDirectory();
        string[] args = [];
        if (config is not null)
        {
            var path = Path.Combine(Directory.CreateDirectory(temp.Sub("config")).FullName, "appliance.toml");
            await File.WriteAllTextAsync(path, config);
            args = ["--config", path];
        }
        var process = await ApplianceProcess.StartAsync(temp.Sub("data"), 0, args);
        return new UiAppliance(process, temp);
    }

    /// <summary>The one-time setup link the appliance printed at start.</summary>
    public string SetupLink => SetupLine().Match(Process.Output) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("no setup link in the appliance's output:\n" + Process.Output);

    /// <summary>Creates the first admin through the setup link; the page is then signed in as that admin.</summary>
    public async Task SetUpAsync(IPage page)
    {
        await page.GotoAsync(SetupLink);
        await page.GetByLabel("Administrator's user name").FillAsync(AdminName);
        await page.GetByLabel("Password (at least").FillAsync(AdminPassword);
        await page.GetByLabel("Password again").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await page.WaitForURLAsync(Url + "/", new() { Timeout = 90_000 });
    }

    public async Task SignInAsync(IPage page, string name, string password)
    {
        await page.GotoAsync(Url + "/login");
        await page.GetByLabel("User name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        _temp.Dispose();
    }

    [GeneratedRegex(@"Open (https://\S+/setup\?code=[0-9a-f]+) in a browser")]
    private static partial Regex SetupLine();
}
