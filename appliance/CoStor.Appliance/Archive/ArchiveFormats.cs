namespace CoStor.Appliance.Archive;

/// <summary>Names, file extensions and media types of <see cref="ArchiveFormat"/>s.</summary>
public static class ArchiveFormats
{
    /// <summary>The names <see cref="TryParse"/> accepts, as the CLI and URLs spell them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["zip", "tar", "tar.gz"];

    /// <summary>"zip", "tar" or "tar.gz" (also "tgz"), case-insensitive.</summary>
    public static bool TryParse(string? text, out ArchiveFormat format)
    {
        (bool ok, format) = text?.ToLowerInvariant() switch
        {
            "zip" => (true, ArchiveFormat.Zip),
            "tar" => (true, ArchiveFormat.Tar),
            "tar.gz" or "tgz" => (true, ArchiveFormat.TarGz),
            _ => (false, ArchiveFormat.Zip),
        };
        return ok;
    }

    /// <summary>The file extension, with its dot.</summary>
    public static string Extension(ArchiveFormat format) => format switch
    {
        ArchiveFormat.Zip => ".zip",
        ArchiveFormat.Tar => ".tar",
        _ => ".tar.gz",
    };

    /// <summary>The media type for a Content-Type header.</summary>
    public static string ContentType(ArchiveFormat format) => format switch
    {
        ArchiveFormat.Zip => "application/zip",
        ArchiveFormat.Tar => "application/x-tar",
        _ => "application/gzip",
    };
}
