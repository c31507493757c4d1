namespace CoStor.Core.Files;

/// <summary>
/// A lock one process holds on a directory it works in, for as long as it runs: an exclusive lock on a lock file
/// (.NET takes it with flock for <see cref="FileShare.None"/>), released when disposed or when the process ends,
/// however it ends. Used where two processes on the same directory would undo each other's work.
/// </summary>
public static class ExclusiveLock
{
    private const int Ewouldblock = 11;

    /// <summary>
    /// Takes the lock on <paramref name="path"/> (created 0600 if missing) without waiting; when another process
    /// holds it, throws the exception <paramref name="held"/> makes (a message saying who must stop first).
    /// </summary>
    public static IDisposable Take(string path, Func<Exception> held)
    {
        ArgumentNullException.ThrowIfNull(held);
        try
        {
            return new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException e) when (e.HResult == Ewouldblock)
        {
            throw held();
        }
    }
}
