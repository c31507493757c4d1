using System.Runtime.InteropServices;

namespace CoStor.Core.Blobs;

/// <summary>
/// A context a native library allocated for us (a zstd or OpenSSL context): owned, invalid when null, and freed
/// exactly once — on dispose, or by the finalizer when its thread ends — by the subclass's
/// <see cref="SafeHandle.ReleaseHandle"/>.
/// </summary>
internal abstract class NativeContext : SafeHandle
{
    /// <summary>Takes ownership of <paramref name="context"/>; null means the library could not allocate it.</summary>
    protected NativeContext(nint context, string what) : base(0, ownsHandle: true)
    {
        SetHandle(context);
        if (IsInvalid)
        {
            throw new OutOfMemoryException($"{what} could not be allocated.");
        }
    }

    public override bool IsInvalid => handle == 0;
}
