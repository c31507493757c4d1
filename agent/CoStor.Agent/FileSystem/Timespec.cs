using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

/// <summary>struct timespec on x86_64 (two 64-bit fields).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;

    /// <summary>Splits nanoseconds since the epoch; times before 1970 keep 0 ≤ tv_nsec &lt; 10⁹ as POSIX requires.</summary>
    public static Timespec FromUnixNanoseconds(long ns)
    {
        long sec = Math.DivRem(ns, 1_000_000_000L, out long rem);
        if (rem < 0)
        {
            sec--;
            rem += 1_000_000_000L;
        }
        return new Timespec { Seconds = sec, Nanoseconds = rem };
    }
}
