namespace CoStor.Agent.Backup;

/// <summary>
/// File systems whose files the kernel makes up when they are read (process tables, device and driver state,
/// control groups, tracing): nothing in them is data to keep, some never end (<c>/proc/kcore</c>) and some act
/// when read. A backup records their mount points but never their contents. devtmpfs (<c>/dev</c>: device nodes,
/// and links udev makes again at boot) belongs here too, but shares tmpfs's magic number: it is told apart by
/// the mount table (<see cref="FileSystem.MountTable"/>).
/// </summary>
public static class KernelFileSystems
{
    /// <summary>statfs f_type of tmpfs, and of devtmpfs.</summary>
    public const long TmpfsMagic = 0x01021994;

    // statfs f_type values from linux/magic.h.
    private static readonly Dictionary<long, string> Names = new()
    {
        [0x9fa0] = "proc",
        [0x62656572] = "sysfs",
        [0x1cd1] = "devpts",
        [0x27e0eb] = "cgroup",
        [0x63677270] = "cgroup2",
        [0x64626720] = "debugfs",
        [0x74726163] = "tracefs",
        [0x73636673] = "securityfs",
        [0xf97cff8c] = "selinuxfs",
        [0x43415d53] = "smackfs",
        [0x6165676c] = "pstore",
        [0xcafe4a11] = "bpf",
        [0x62656570] = "configfs",
        [0x65735543] = "fusectl",
        [0x19800202] = "mqueue",
        [0x958458f6] = "hugetlbfs",
        [0x42494e4d] = "binfmt_misc",
        [0xde5e81e4] = "efivarfs",
        [0x6e736673] = "nsfs",
        [0x0187] = "autofs",
        [0x67596969] = "rpc_pipefs",
    };

    /// <summary>The kernel file system's name for a statfs magic number, or null for a file system that holds data.</summary>
    public static string? NameOf(long fileSystemType) => Names.GetValueOrDefault(fileSystemType);
}
