using CoStor.Core.Errors;

namespace CoStor.Core.Blobs;

/// <summary>
/// Payload encoding (docs/design.md, "Blobs"): <c>kind u8 (0 raw, 1 zstd) ‖ bytes</c>. Plain bytes are
/// compressed with zstd level 1 (libzstd, <see cref="NativeZstd"/>) and the result is kept only if it is strictly smaller than the raw payload.
/// The blob key is derived from the payload, so two encoders that disagree only produce different blobs,
/// never a reused key and nonce.
/// </summary>
public static class Payload
{
    public const byte Raw = 0;
    public const byte Zstd = 1;

    /// <summary>zstd level fixed by the format: changing it changes blob ids (and so dedup), not readability.</summary>
    public const int ZstdLevel = 1;

    // Contexts are expensive to create (hundreds of KiB); one per thread is reused for every chunk.
    // A context whose thread ends is freed by its SafeHandle's finalizer.
    [ThreadStatic] private static NativeZstd.CompressionContext? t_compressor;
    [ThreadStatic] private static NativeZstd.DecompressionContext? t_decompressor;

    /// <summary>Room <see cref="Encode(ReadOnlySpan{byte}, Span{byte})"/> needs: the raw form is the worst case.</summary>
    /// <summary>
    /// The zstd that compresses payloads, as <c>major * 10000 + minor * 100 + release</c>. The golden files were made
    /// with <see cref="ExpectedZstdVersion"/>; another version may compress a chunk to other bytes, which would
    /// silently stop dedup between PCs whose agents were built differently.
    /// </summary>
    public static uint ZstdVersion => NativeZstd.ZSTD_versionNumber();

    /// <summary>Debian 12's libzstd (1.5.4), which the published binaries link and the golden files were made with.</summary>
    public const uint ExpectedZstdVersion = 10504;

    public static int MaxEncodedLength(int plainLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plainLength);
        return checked(plainLength + 1);
    }

    /// <summary>Encodes <paramref name="plain"/> into <paramref name="destination"/>; returns bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> plain, Span<byte> destination)
    {
        int max = MaxEncodedLength(plain.Length);
        if (destination.Length < max)
        {
            throw new ArgumentException($"Payload of {plain.Length} plain bytes needs {max} bytes of room.", nameof(destination));
        }

        // Compress straight into the destination, bounded so that only a strictly smaller result fits;
        // when zstd runs out of room the raw form is written instead, with no scratch buffer.
        if (plain.Length > 1)
        {
            if (TryZstd(plain, destination.Slice(1, plain.Length - 1), out int written))
            {
                destination[0] = Zstd;
                return written + 1;
            }
        }

        destination[0] = Raw;
        plain.CopyTo(destination[1..]);
        return plain.Length + 1;
    }

    public static byte[] Encode(ReadOnlySpan<byte> plain)
    {
        var buffer = new byte[MaxEncodedLength(plain.Length)];
        int n = Encode(plain, buffer);
        return n == buffer.Length ? buffer : buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>
    /// Decodes a payload into <paramref name="destination"/>; returns the plain length. Throws
    /// <see cref="CorruptBlobException"/> on an unknown kind, bad zstd data, or plain bytes that do not fit.
    /// </summary>
    public static int Decode(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        if (payload.IsEmpty)
        {
            throw new CorruptBlobException("Blob payload is empty (no kind byte).");
        }

        var body = payload[1..];
        switch (payload[0])
        {
            case Raw:
                if (body.Length > destination.Length)
                {
                    throw TooLarge((ulong)body.Length, destination.Length);
                }

                body.CopyTo(destination);
                return body.Length;
            case Zstd:
                return Unzstd(body, destination);
            default:
                throw new CorruptBlobException($"Blob payload has unknown kind {payload[0]} (expected 0 raw or 1 zstd).");
        }
    }

    /// <summary>Decodes a payload whose plain form is at most <paramref name="maxPlainLength"/> bytes.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> payload, int maxPlainLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPlainLength);
        if (payload.IsEmpty)
        {
            throw new CorruptBlobException("Blob payload is empty (no kind byte).");
        }

        if (payload[0] == Zstd)
        {
            // Size the output from the frame header (our encoder always writes it); never trust it beyond
            // the limit. Without a declared size, fall back to a buffer of the full limit.
            ulong size = DeclaredSize(payload[1..]);
            if (size <= (ulong)maxPlainLength)
            {
                var exact = new byte[(int)size];
                int n = Unzstd(payload[1..], exact);
                return n == exact.Length ? exact : throw new CorruptBlobException(
                    $"Blob payload declares {size} plain bytes but decodes to {n}.");
            }

            if (size != ulong.MaxValue)
            {
                throw TooLarge(size, maxPlainLength);
            }
        }
        else if (payload[0] == Raw && payload.Length - 1 > maxPlainLength)
        {
            throw TooLarge((ulong)(payload.Length - 1), maxPlainLength);
        }

        var buffer = new byte[Math.Min(maxPlainLength, payload[0] == Raw ? payload.Length - 1 : maxPlainLength)];
        int length = Decode(payload, buffer);
        return length == buffer.Length ? buffer : buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>Compresses into <paramref name="destination"/>; false when the result would not fit.</summary>
    private static unsafe bool TryZstd(ReadOnlySpan<byte> plain, Span<byte> destination, out int written)
    {
        var context = t_compressor ??= new NativeZstd.CompressionContext(ZstdLevel);
        nuint result;
        fixed (byte* source = plain)
        fixed (byte* target = destination)
        {
            result = NativeZstd.ZSTD_compress2(context, target, (nuint)destination.Length, source, (nuint)plain.Length);
        }

        if (NativeZstd.IsError(result))
        {
            written = 0;
            return NativeZstd.ZSTD_getErrorCode(result) == NativeZstd.DestinationTooSmall
                ? false
                : throw new InvalidOperationException($"zstd could not compress {plain.Length} bytes: {NativeZstd.ErrorName(result)}");
        }

        written = (int)result;
        return true;
    }

    private static unsafe int Unzstd(ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var context = t_decompressor ??= new NativeZstd.DecompressionContext();
        nuint result;
        fixed (byte* source = body)
        fixed (byte* target = destination)
        {
            result = NativeZstd.ZSTD_decompressDCtx(context, target, (nuint)destination.Length, source, (nuint)body.Length);
        }

        if (!NativeZstd.IsError(result))
        {
            return (int)result;
        }

        throw NativeZstd.ZSTD_getErrorCode(result) == NativeZstd.DestinationTooSmall
            ? new CorruptBlobException($"Blob payload decompresses to more than {destination.Length} bytes.")
            : new CorruptBlobException($"Blob payload is not valid zstd data: {NativeZstd.ErrorName(result)}");
    }

    /// <summary>Content size from the zstd frame header, or <see cref="ulong.MaxValue"/> when absent.</summary>
    private static unsafe ulong DeclaredSize(ReadOnlySpan<byte> body)
    {
        ulong size;
        fixed (byte* source = body)
        {
            size = NativeZstd.ZSTD_getFrameContentSize(source, (nuint)body.Length);
        }

        return size == NativeZstd.ContentSizeError
            ? throw new CorruptBlobException("Blob payload is not valid zstd data: no zstd frame header.")
            : size;
    }

    private static CorruptBlobException TooLarge(ulong length, int room) =>
        new($"Blob payload holds {length} plain bytes, more than the {room} allowed.");
}
