using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Core.Packs;

/// <summary>
/// Reads frames (type u8 | length u32 LE | blob id (32) | blob) from an upload body or a pack positioned
/// after its header, verifying each blob against its id where it arrives. Throws
/// <see cref="InvalidFrameException"/> (naming the offset and id) for truncation, oversize, unknown type or
/// a hash mismatch; returns false only at a clean end of stream (between frames). <see cref="Blob"/> points
/// into a reusable buffer and is valid until the next read. Not thread-safe.
/// </summary>
public sealed class FrameReader
{
    private Stream _source;
    private readonly int _maxBlobLength;
    private readonly byte[] _header = new byte[FrameHeader.Length];
    private byte[] _buffer = [];

    public FrameReader(Stream source, int maxBlobLength)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBlobLength);
        _source = source;
        _maxBlobLength = maxBlobLength;
    }

    /// <summary>
    /// Points the reader at a new stream, keeping its grown buffer, so a server or client that reads many frame
    /// streams reuses one buffer instead of growing a new one (large-object garbage) for every stream.
    /// </summary>
    public void Reset(Stream source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        Position = 0;
        FrameOffset = 0;
        Blob = default;
    }

    public BlobType Type { get; private set; }

    public BlobId Id { get; private set; }

    /// <summary>The current blob's bytes; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Blob { get; private set; }

    /// <summary>Bytes consumed from the source: the end of the last whole frame read.</summary>
    public long Position { get; private set; }

    /// <summary>Offset (relative to where reading began) of the current frame's header.</summary>
    public long FrameOffset { get; private set; }

    public async ValueTask<bool> ReadNextAsync(CancellationToken ct)
    {
        int got = await _source.ReadAtLeastAsync(_header, _header.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        if (!BeginFrame(got))
        {
            return false;
        }

        var body = _buffer.AsMemory(0, Blob.Length);
        got = await _source.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, ct).ConfigureAwait(false);
        EndFrame(got);
        return true;
    }

    public bool ReadNext()
    {
        int got = _source.ReadAtLeast(_header, _header.Length, throwOnEndOfStream: false);
        if (!BeginFrame(got))
        {
            return false;
        }

        got = _source.ReadAtLeast(_buffer.AsSpan(0, Blob.Length), Blob.Length, throwOnEndOfStream: false);
        EndFrame(got);
        return true;
    }

    // Parses the header just read; sizes the buffer; Blob temporarily carries the declared length.
    private bool BeginFrame(int got)
    {
        FrameOffset = Position;
        Blob = default;
        if (got == 0)
        {
            return false;
        }

        if (got < FrameHeader.Length)
        {
            throw new InvalidFrameException($"Truncated frame at offset {FrameOffset}: stream ends {got} bytes into the {FrameHeader.Length}-byte header.");
        }

        (BlobType type, int length, BlobId id) frame;
        try
        {
            frame = FrameHeader.Read(_header, _maxBlobLength);
        }
        catch (InvalidFrameException e)
        {
            throw new InvalidFrameException($"Bad frame at offset {FrameOffset}: {e.Message}", e);
        }

        (Type, Id) = (frame.type, frame.id);
        if (_buffer.Length < frame.length)
        {
            // Grow geometrically up to the limit, so a stream of growing blobs reallocates rarely.
            _buffer = new byte[Math.Min(_maxBlobLength, Math.Max(frame.length, Math.Max(64 * 1024, _buffer.Length * 2)))];
        }

        Blob = _buffer.AsMemory(0, frame.length);
        return true;
    }

    private void EndFrame(int got)
    {
        if (got < Blob.Length)
        {
            throw new InvalidFrameException(
                $"Truncated frame at offset {FrameOffset}: blob {Id} declares {Blob.Length} bytes but the stream ends after {got}.");
        }

        Span<byte> hash = stackalloc byte[BlobId.Length];
        SHA256.HashData(Blob.Span, hash);
        var actual = BlobId.Read(hash);
        if (actual != Id)
        {
            throw new InvalidFrameException($"Frame at offset {FrameOffset} claims blob {Id} but its {Blob.Length} bytes hash to {actual}.");
        }

        Position = FrameOffset + FrameHeader.Length + Blob.Length;
    }
}
