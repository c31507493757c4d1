using System.Runtime.InteropServices;

namespace CoStor.Agent.FileSystem;

/// <summary>
/// Borrows the raw descriptor of a <see cref="SafeHandle"/> for the duration of a libc call, holding a
/// reference so a concurrent Dispose cannot close (and the kernel reuse) the number meanwhile.
/// </summary>
internal readonly ref struct FdLease
{
    private readonly SafeHandle _handle;

    public FdLease(SafeHandle handle)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        _handle = handle;
        Fd = (int)handle.DangerousGetHandle();
    }

    public int Fd { get; }

    public void Dispose() => _handle.DangerousRelease();
}
