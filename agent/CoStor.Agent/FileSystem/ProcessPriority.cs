using System.Globalization;
using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// Background priority for the scheduled daemon: CPU nice <see cref="BackgroundNice"/> and the lowest best-effort
/// I/O priority, so a backup that starts while someone works on the PC yields the processor and the disk to them,
/// and still uses whatever they leave idle (on an idle PC it is as fast as at normal priority).
/// On Linux both are attributes of each thread, not of the process: every thread is lowered, and threads started
/// later inherit the values of the thread that starts them.
/// </summary>
public static partial class ProcessPriority
{
    /// <summary>The nice value of background priority (0 is normal, 19 the lowest).</summary>
    public const int BackgroundNice = 10;

    /// <summary>I/O priority class best-effort (2) at its lowest level (7), as <c>ionice -c2 -n7</c>.</summary>
    public const int BackgroundIoPriority = (2 << 13) | 7;

    private const int PRIO_PROCESS = 0;
    private const int IOPRIO_WHO_PROCESS = 1;
    private const long SYS_ioprio_set = 251; // x86_64
    private const int ESRCH = 3;

    /// <summary>
    /// Lowers every thread of this process to background priority. Returns what could not be lowered (empty when
    /// all went well), for the caller to report: a daemon at normal priority still backs up correctly.
    /// </summary>
    public static List<string> LowerToBackground()
    {
        var problems = new List<string>();
        var lowered = new HashSet<int>();
        // A thread that was not lowered yet may start another while the list is read: read it until a pass
        // finds no thread it has not seen.
        for (var pass = 0; pass < 3; pass++)
        {
            var fresh = Threads().Where(lowered.Add).ToList();
            if (fresh.Count == 0)
                break;
            foreach (var tid in fresh)
            {
                if (SetPriority(PRIO_PROCESS, tid, BackgroundNice) != 0 && Marshal.GetLastPInvokeError() is var e1 and not ESRCH)
                    problems.Add($"setpriority: {Marshal.GetPInvokeErrorMessage(e1)}");
                if (Syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, tid, BackgroundIoPriority) != 0 && Marshal.GetLastPInvokeError() is var e2 and not ESRCH)
                    problems.Add($"ioprio_set: {Marshal.GetPInvokeErrorMessage(e2)}");
            }
        }
        return [.. problems.Distinct()];
    }

    private static IEnumerable<int> Threads() =>
        Directory.EnumerateDirectories("/proc/self/task")
            .Select(path => int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) ? tid : 0)
            .Where(tid => tid > 0);

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    // ioprio_set has no glibc wrapper.
    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static partial long Syscall(long number, long which, long who, long ioPriority);
}
