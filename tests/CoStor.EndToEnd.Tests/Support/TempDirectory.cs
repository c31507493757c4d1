namespace CoStor.EndToEnd.Tests.Support;

/// <summary>A scratch directory removed at dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("costor-e2e-").FullName;
    }

    public string Path { get; }

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A new subdirectory <paramref name="name"/> holding one file <paramref name="file"/> with <paramref name="content"/>: a tree to back up.</summary>
    public async Task<string> SourceWithAsync(string file, byte[] content, string name = "src")
    {
        var source = Sub(name);
        Directory.CreateDirectory(source);
        await File.WriteAllBytesAsync(System.IO.Path.Combine(source, file), content);
        return source;
    }

    /// <summary>Removes the directory with `rm -rf`, which also reaches paths over PATH_MAX (.NET's recursive delete does not).</summary>
    public void Dispose()
    {
        using var rm = System.Diagnostics.Process.Start("rm", ["-rf", "--", Path]);
        rm.WaitForExit();
    }
}
