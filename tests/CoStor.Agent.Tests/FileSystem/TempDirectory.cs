using System.Diagnostics;
using System.Text;
using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

/// <summary>
/// A fresh directory under /tmp for one test, removed with everything in it on Dispose. Removal uses
/// `rm -rf` because .NET's string-path APIs cannot address names that are not UTF-8.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        PathText = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "costor-agent-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(PathText);
    }

    public string PathText { get; }

    public byte[] Path => Encoding.UTF8.GetBytes(PathText);

    /// <summary>The byte path of <paramref name="name"/> inside this directory (a relative path, may hold '/').</summary>
    public byte[] Child(ReadOnlySpan<byte> name) => [.. Path, (byte)'/', .. name];

    public byte[] Child(string name) => Child(Encoding.UTF8.GetBytes(name));

    /// <summary>Opens a restore target on a new subdirectory <paramref name="name"/>.</summary>
    public RestoreTarget OpenTarget(string name = "target") => RestoreTarget.Open(Child(name));

    public void Dispose()
    {
        using var rm = Process.Start("rm", ["-rf", "--", PathText]);
        rm.WaitForExit();
    }
}
