using System.Runtime.InteropServices;

namespace CoStor.Core.Blobs;

/// <summary>
/// The few libzstd entry points <see cref="Payload"/> needs. Published binaries link Debian's
/// <c>libzstd.a</c> statically (Directory.Build.targets: DirectPInvoke + NativeLibrary), so the zstd that
/// compresses is fixed by the build, not by the PC it runs on; <c>dotnet run</c> and the tests load the
/// system's <c>libzstd.so.1</c> from the same Debian package. The version matters for dedup only: a
/// different zstd may emit different bytes for the same chunk, hence a different blob (never a reused key).
/// </summary>
internal static unsafe partial class NativeZstd
{
    private const string Library = "libzstd.so.1";

    /// <summary><c>ZSTD_c_compressionLevel</c> from zstd.h.</summary>
    public const int CompressionLevelParameter = 100;

    /// <summary><c>ZSTD_CONTENTSIZE_UNKNOWN</c> and <c>ZSTD_CONTENTSIZE_ERROR</c> from zstd.h.</summary>
    public const ulong ContentSizeUnknown = ulong.MaxValue, ContentSizeError = ulong.MaxValue - 1;

    [LibraryImport(Library)]
    public static partial uint ZSTD_versionNumber();

    [LibraryImport(Library)]
    public static partial nint ZSTD_createCCtx();

    [LibraryImport(Library)]
    public static partial nuint ZSTD_freeCCtx(nint context);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_CCtx_setParameter(CompressionContext context, int parameter, int value);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_compress2(CompressionContext context, byte* destination, nuint capacity, byte* source, nuint length);

    /// <summary><c>ZSTD_inBuffer</c> / <c>ZSTD_outBuffer</c> from zstd.h (the same layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct StreamBuffer
    {
        public byte* Data;
        public nuint Size;
        public nuint Position;
    }

    /// <summary><c>ZSTD_e_continue</c> and <c>ZSTD_e_end</c> from zstd.h.</summary>
    public const int Continue = 0, End = 2;

    /// <summary><c>ZSTD_reset_session_only</c> from zstd.h.</summary>
    public const int ResetSessionOnly = 1;

    [LibraryImport(Library)]
    public static partial nuint ZSTD_compressStream2(CompressionContext context, StreamBuffer* output, StreamBuffer* input, int endOperation);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_CCtx_setPledgedSrcSize(CompressionContext context, ulong size);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_CCtx_reset(CompressionContext context, int reset);

    [LibraryImport(Library)]
    public static partial nint ZSTD_createDCtx();

    [LibraryImport(Library)]
    public static partial nuint ZSTD_freeDCtx(nint context);

    [LibraryImport(Library)]
    public static partial nuint ZSTD_decompressDCtx(DecompressionContext context, byte* destination, nuint capacity, byte* source, nuint length);

    [LibraryImport(Library)]
    public static partial ulong ZSTD_getFrameContentSize(byte* source, nuint length);

    [LibraryImport(Library)]
    public static partial uint ZSTD_isError(nuint code);

    [LibraryImport(Library)]
    public static partial byte* ZSTD_getErrorName(nuint code);

    [LibraryImport(Library)]
    public static partial int ZSTD_getErrorCode(nuint code);

    /// <summary><c>ZSTD_error_dstSize_tooSmall</c> from zstd_errors.h.</summary>
    public const int DestinationTooSmall = 70;

    public static bool IsError(nuint code) => ZSTD_isError(code) != 0;

    public static string ErrorName(nuint code) => Marshal.PtrToStringUTF8((nint)ZSTD_getErrorName(code)) ?? "unknown zstd error";

    /// <summary>The linked libzstd as "major.minor.release".</summary>
    public static string Version
    {
        get
        {
            uint v = ZSTD_versionNumber();
            return $"{v / 10000}.{v / 100 % 100}.{v % 100}";
        }
    }

    /// <summary>A compression context (hundreds of KiB of tables), freed when collected or disposed.</summary>
    public sealed class CompressionContext : NativeContext
    {
        public CompressionContext(int level) : base(ZSTD_createCCtx(), "A zstd compression context")
        {
            nuint result = ZSTD_CCtx_setParameter(this, CompressionLevelParameter, level);
            if (IsError(result))
            {
                throw new InvalidOperationException($"zstd refused compression level {level}: {ErrorName(result)}");
            }
        }

        protected override bool ReleaseHandle()
        {
            ZSTD_freeCCtx(handle);
            return true;
        }
    }

    /// <summary>A decompression context, freed when collected or disposed.</summary>
    public sealed class DecompressionContext() : NativeContext(ZSTD_createDCtx(), "A zstd decompression context")
    {
        protected override bool ReleaseHandle()
        {
            ZSTD_freeDCtx(handle);
            return true;
        }
    }
}
