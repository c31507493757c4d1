using System.Text.Json;

namespace CoStor.Agent.State;

/// <summary>
/// The agent's state directory (<c>--state DIR</c>; default <c>/var/lib/costor-agent</c>). Several agents can
/// share one machine with different state directories.
/// </summary>
public sealed class StateDirectory(string root)
{
    public const string DefaultRoot = "/var/lib/costor-agent";

    public string Root { get; } = Path.GetFullPath(root);
    public string IdentityPath => Path.Combine(Root, "agent.json");
    public string CaCertificatePath => Path.Combine(Root, "ca.pem");
    public string BlobLogPath => Path.Combine(Root, "blobs.log");
    public string FileCachePath => Path.Combine(Root, "files.cache");
    public string BackupLockPath => Path.Combine(Root, "backup.lock");

    public bool IsEnrolled => File.Exists(IdentityPath);

    /// <summary>Drops the caches that say what the appliance already holds (the blob log and the file cache).</summary>
    public void ForgetUploads()
    {
        File.Delete(BlobLogPath);
        File.Delete(FileCachePath);
    }

    /// <summary>
    /// Takes this state directory's backup lock (<see cref="BackupLockPath"/>), held until disposed or the
    /// process ends. Two backups with one state directory would each append to the blob log from where they
    /// found its end and overwrite the other's file cache, so the second is refused instead, with a clear message.
    /// </summary>
    public IDisposable LockForBackup() =>
        CoStor.Core.Files.ExclusiveLock.Take(BackupLockPath,
            () => new AgentException($"another backup with the state directory {Root} is running; this one did not start"));

    public AgentIdentity LoadIdentity()
    {
        if (!IsEnrolled)
            throw new AgentException($"not enrolled (no {IdentityPath}): run 'costor-agent enrol' first");
        return JsonSerializer.Deserialize(File.ReadAllBytes(IdentityPath), AgentJsonContext.Default.AgentIdentity)
            ?? throw new AgentException($"{IdentityPath} is empty");
    }

    public void SaveIdentity(AgentIdentity identity, string caPem)
    {
        Directory.CreateDirectory(Root);
        WriteAtomically(CaCertificatePath, System.Text.Encoding.ASCII.GetBytes(caPem));
        WriteAtomically(IdentityPath, JsonSerializer.SerializeToUtf8Bytes(identity, AgentJsonContext.Default.AgentIdentity));
    }

    /// <summary>temp → fsync → rename: a crash leaves the old file or the new one.</summary>
    public static void WriteAtomically(string path, byte[] contents) => WriteAtomically(path, stream => stream.Write(contents));

    /// <summary>
    /// As above, with the contents written by <paramref name="write"/> through a 64 KiB buffer, so a large file
    /// (the metadata cache) is never held whole in memory.
    /// </summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions
               {
                   Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                   BufferSize = 1 << 16,
               }))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }
}
