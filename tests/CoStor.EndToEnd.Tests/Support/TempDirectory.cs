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

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
