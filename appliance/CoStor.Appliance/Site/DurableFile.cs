namespace CoStor.Appliance.Site;

/// <summary>
/// Crash-safe file writes: temp file → fsync → rename → fsync directory. A reader sees either the old
/// file or the complete new one, never a partial one, and the rename survives power loss.
/// </summary>
public static class DurableFile
{
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> contents, UnixFileMode mode)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, new FileStreamOptions
               {
                   Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode,
               }))
        {
            stream.Write(contents);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Makes a directory's entries (creations, renames) durable.</summary>
    public static void SyncDirectory(string directory)
    {
        var fd = NativeMethods.open(directory, NativeMethods.O_RDONLY | NativeMethods.O_DIRECTORY | NativeMethods.O_CLOEXEC);
        if (fd < 0)
            throw new IOException($"cannot open directory {directory} to sync it (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        try
        {
            if (NativeMethods.fsync(fd) != 0)
                throw new IOException($"fsync of directory {directory} failed (errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            NativeMethods.close(fd);
        }
    }
}
