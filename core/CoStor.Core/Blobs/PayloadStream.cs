using System.Buffers;

namespace CoStor.Core.Blobs;

/// <summary>
/// <see cref="Payload"/> encoding of a plain form too large to hold in memory: reads it from a stream in pieces and
/// writes <c>kind 1 (zstd) ‖ one zstd frame</c> that declares the plain length (pledged up front), so
/// <see cref="Payload.Decode(ReadOnlySpan{byte}, int)"/> sizes its output exactly, as for any payload. Unlike
/// <see cref="Payload.Encode(ReadOnlySpan{byte})"/> it never falls back to raw (that would need the whole result
/// first); both kinds decode the same.
/// </summary>
public static class PayloadStream
{
    private const int PieceLength = 256 * 1024;

    /// <summary>
    /// Encodes exactly <paramref name="length"/> bytes of <paramref name="source"/> into <paramref name="destination"/>;
    /// returns the bytes written. A source that ends early is an <see cref="EndOfStreamException"/>.
    /// </summary>
    public static unsafe long Encode(Stream source, long length, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        using var context = new NativeZstd.CompressionContext(Payload.ZstdLevel);
        Check(NativeZstd.ZSTD_CCtx_setPledgedSrcSize(context, (ulong)length));
        var input = ArrayPool<byte>.Shared.Rent(PieceLength);
        var output = ArrayPool<byte>.Shared.Rent(PieceLength);
        try
        {
            destination.WriteByte(Payload.Zstd);
            long written = 1, remaining = length;
            fixed (byte* inputBytes = input)
            fixed (byte* outputBytes = output)
            {
                do
                {
                    var piece = (int)Math.Min(PieceLength, remaining);
                    source.ReadExactly(input, 0, piece);
                    remaining -= piece;
                    var operation = remaining == 0 ? NativeZstd.End : NativeZstd.Continue;
                    var inBuffer = new NativeZstd.StreamBuffer { Data = inputBytes, Size = (nuint)piece };
                    nuint left;
                    do
                    {
                        var outBuffer = new NativeZstd.StreamBuffer { Data = outputBytes, Size = (nuint)output.Length };
                        left = Check(NativeZstd.ZSTD_compressStream2(context, &outBuffer, &inBuffer, operation));
                        destination.Write(output, 0, (int)outBuffer.Position);
                        written += (long)outBuffer.Position;
                    }
                    // Continue: until this piece is consumed. End: until the frame is complete (nothing left to flush).
                    while (operation == NativeZstd.End ? left != 0 : inBuffer.Position < inBuffer.Size);
                }
                while (remaining > 0);
            }
            return written;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static nuint Check(nuint result) => NativeZstd.IsError(result)
        ? throw new InvalidOperationException($"zstd streaming compression failed: {NativeZstd.ErrorName(result)}")
        : result;
}
