namespace CoStor.Appliance.Tests.Support;

/// <summary>A temp directory with a real catalogue file in it, removed at dispose.</summary>
public sealed class ScratchDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("costor-appliance-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
