using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;

namespace CoStor.Publish.Tests;

/// <summary>
/// AOT is a gate: both binaries publish native-AOT for linux-x64 with no warning of any kind, each as one
/// self-contained executable, with SQLite linked into the appliance (no libe_sqlite3.so beside it), and both run.
/// The two publishes run one after the other (lazily, once per test run) to stay within two cores.
/// </summary>
[NotInParallel]
[SupportedOSPlatform("linux")] // publishes and runs linux-x64 binaries
public class NativeAotPublishTests
{
    private const string ApplianceProject = "appliance/CoStor.Appliance/CoStor.Appliance.csproj";
    private const string AgentProject = "agent/CoStor.Agent/CoStor.Agent.csproj";

    private static readonly string WorkDirectory =
        Path.Combine(Path.GetTempPath(), $"costor-publish-tests-{Guid.NewGuid():N}");

    private static readonly Lazy<Task<Publisher.Published>> Appliance =
        new(() => Publisher.PublishAsync(ApplianceProject, WorkDirectory));

    private static readonly Lazy<Task<Publisher.Published>> Agent =
        new(() => Publisher.PublishAsync(AgentProject, WorkDirectory));

    [After(Class)]
    public static void DeleteWorkDirectory()
    {
        if (Directory.Exists(WorkDirectory))
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
    }

    [Test]
    public async Task Appliance_publishes_with_no_warnings() => NoWarnings(await Appliance.Value);

    [Test]
    public async Task Agent_publishes_with_no_warnings() => NoWarnings(await Agent.Value);

    [Test]
    public async Task Appliance_is_one_executable_with_sqlite_linked_in()
    {
        var published = await Appliance.Value;

        await Assert.That(Executables(published.OutputDirectory)).IsEquivalentTo(["costor-appliance"]);
        await Assert.That(NativeLibraries(published.OutputDirectory)).IsEmpty();
    }

    [Test]
    public async Task Agent_is_one_executable()
    {
        var published = await Agent.Value;

        await Assert.That(Executables(published.OutputDirectory)).IsEquivalentTo(["costor-agent"]);
        await Assert.That(NativeLibraries(published.OutputDirectory)).IsEmpty();
    }

    [Test]
    public async Task Agent_runs_help()
    {
        var published = await Agent.Value;

        var result = await ProcessRunner.RunAsync(
            Path.Combine(published.OutputDirectory, "costor-agent"), ["--help"], WorkDirectory, TimeSpan.FromSeconds(30));

        await Assert.That(result.ExitCode).IsEqualTo(0);
    }

    [Test]
    public async Task Appliance_serves_healthz_openapi_and_its_sign_in_page_across_a_restart()
    {
        var published = await Appliance.Value;
        var dataDir = Directory.CreateDirectory(Path.Combine(WorkDirectory, "appliance-data")).FullName;
        var url = $"https://127.0.0.1:{FreeLoopbackPort()}";

        // Copied away from the publish folder so nothing that was published beside it can be loaded.
        var binary = Path.Combine(Directory.CreateDirectory(Path.Combine(WorkDirectory, "run")).FullName, "costor-appliance");
        File.Copy(Path.Combine(published.OutputDirectory, "costor-appliance"), binary);

        // The second start reads back what the first wrote (sealed web keys among them): trimming must have kept it all.
        for (var run = 0; run < 2; run++)
        {
            var start = ProcessRunner.StartInfo(binary, ["--urls", url, "--data", dataDir], WorkDirectory);
            start.Environment.Remove("LD_LIBRARY_PATH");
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            try
            {
                var status = await WaitForHealthzAsync(url, process, TimeSpan.FromSeconds(30));
                await Assert.That(status).IsEqualTo(HttpStatusCode.OK);
                if (run == 0)
                    await AssertOpenApiDocumentAsync(url);
                using var http = Client();
                using var signIn = await http.GetAsync($"{url}/login");
                await Assert.That(signIn.StatusCode).IsEqualTo(HttpStatusCode.OK);
            }
            finally
            {
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Console.WriteLine(await output);
                var logged = await errors;
                Console.WriteLine(logged);
                await Assert.That(logged).DoesNotContain("Exception");
            }
        }
    }

    /// <summary>The appliance's own CA signs its certificate; these checks are about the binary, not about trust.</summary>
    private static HttpClient Client() =>
        new(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true }) { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The document is built at run time from trimmed metadata, so only the published binary proves it whole.</summary>
    private static async Task AssertOpenApiDocumentAsync(string url)
    {
        using var http = Client();
        using var document = JsonDocument.Parse(await http.GetStringAsync($"{url}/openapi/v1.json"));
        var root = document.RootElement;
        var commit = root.GetProperty("paths").GetProperty("/api/v1/snapshots").GetProperty("post");
        await Assert.That(commit.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString())
            .IsEqualTo("#/components/schemas/CommitRequest");
        await Assert.That(commit.GetProperty("security")[0].TryGetProperty("agent-bearer", out _)).IsTrue();
        var upload = root.GetProperty("paths").GetProperty("/api/v1/blobs").GetProperty("post");
        await Assert.That(upload.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/octet-stream", out _)).IsTrue();
        var schemas = root.GetProperty("components").GetProperty("schemas");
        await Assert.That(schemas.GetProperty("SnapshotRecord").GetProperty("properties").TryGetProperty("root", out _)).IsTrue();
        await Assert.That(schemas.TryGetProperty("UploadResult", out _)).IsTrue();
        await Assert.That(root.GetProperty("components").GetProperty("securitySchemes").GetProperty("agent-bearer").GetProperty("scheme").GetString()).IsEqualTo("bearer");
    }

    private static void NoWarnings(Publisher.Published published)
    {
        if (published.WarningLines.Count > 0)
        {
            Assert.Fail($"publish printed {published.WarningLines.Count} warning line(s):\n{string.Join('\n', published.WarningLines)}");
        }
    }

    /// <summary>ELF files with an execute bit, leaving out the separate debug symbols (<c>*.dbg</c>).</summary>
    private static string[] Executables(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".dbg", StringComparison.Ordinal) && IsElf(f)
                && (File.GetUnixFileMode(f) & UnixFileMode.UserExecute) != 0)
            .Select(f => Path.GetRelativePath(directory, f))
            .Order(StringComparer.Ordinal)];

    private static string[] NativeLibraries(string directory) =>
        [.. Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f))
            .Where(f => f.Contains(".so", StringComparison.Ordinal) || f.EndsWith(".a", StringComparison.Ordinal)
                || f.EndsWith(".dll", StringComparison.Ordinal) || f.Contains("e_sqlite3", StringComparison.Ordinal))];

    private static bool IsElf(string path)
    {
        Span<byte> magic = stackalloc byte[4];
        using var file = File.OpenRead(path);
        return file.Read(magic) == 4 && magic.SequenceEqual("\u007fELF"u8);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<HttpStatusCode?> WaitForHealthzAsync(string url, Process process, TimeSpan timeout)
    {
        using var http = Client();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync($"{url}/healthz");
                return response.StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(200);
            }
            catch (TaskCanceledException)
            {
                await Task.Delay(200);
            }
        }

        return null;
    }
}
