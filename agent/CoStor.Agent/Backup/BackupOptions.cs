namespace CoStor.Agent.Backup;

/// <summary>
/// How one backup runs: <see cref="ShowProgress"/> draws progress on stderr (a terminal only);
/// <see cref="OneFileSystem"/> keeps the walk on the file systems of the paths given (mount points below them
/// are recorded, their contents are not).
/// </summary>
public readonly record struct BackupOptions(bool ShowProgress = false, bool OneFileSystem = false);
