namespace CoStor.Agent.FileSystem;

public sealed partial class RestoreDirectory
{
    private const int FS_TOPDIR_FL = 0x00020000;

    /// <summary>
    /// Sets or clears the "top of a directory hierarchy" attribute (FS_TOPDIR_FL, <c>chattr +T</c>) on this
    /// directory. ext4's Orlov allocator places the subdirectories of such a directory in uncrowded block
    /// groups instead of next to their parent. Returns true only when this call changed the attribute; false
    /// where the file system has no such attribute or it already had the wanted value. A hint: failure changes
    /// nothing else.
    /// </summary>
    public bool TrySetHierarchyTop(bool value)
    {
        using var fd = new FdLease(_handle);
        int flags = 0;
        if (Libc.IoctlFlags(fd.Fd, Libc.FS_IOC_GETFLAGS, ref flags) != 0)
            return false;
        int wanted = value ? flags | FS_TOPDIR_FL : flags & ~FS_TOPDIR_FL;
        return wanted != flags && Libc.IoctlFlags(fd.Fd, Libc.FS_IOC_SETFLAGS, ref wanted) == 0;
    }
}
