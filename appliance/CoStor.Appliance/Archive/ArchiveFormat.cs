namespace CoStor.Appliance.Archive;

/// <summary>The archive formats a snapshot or folder downloads as (docs/restore-archives.md).</summary>
public enum ArchiveFormat
{
    Zip,
    Tar,
    TarGz,
}
