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
/// Reads ahead of the current frame into a small buffer, so a stream of small frames (an upload of small
/// files, a restore of small files) costs a few large reads rather than two per frame. The reader therefore
/// owns its source until the end of the stream.
/// </summary>
public sealed partial class FrameReader
{
    private Stream _source;
    private readonly int _maxBlobLength;
    private readonly byte[] _header = new byte[FrameHeader.Length];
    private byte[] _buffer = [];
    private byte[] _piece = [];
    private IncrementalHash? _hash;
    // Read-ahead: bytes received from the source and not consumed yet are _ahead[_aheadStart.._aheadEnd].
    private byte[] _ahead = [];
    private int _aheadStart;
    private int _aheadEnd;

    /// <summary>Read-ahead size: reads of at least this many bytes go straight to their destination.</summary>
    public const int ReadAheadLength = 64 * 1024;

    /// <param name="source">The frame stream; the reader owns it until its end (it reads ahead).</param>
    /// <param name="maxBlobLength">Longer frames are refused before anything is allocated for them.</param>
    /// <param name="verifyIds">
    /// Whether whole-frame reads (<see cref="ReadNext"/>, <see cref="ReadNextAsync"/>) check each blob against its
    /// id. Only a caller that authenticates every blob itself may turn it off: an agent's restore opens each blob
    /// with the key its tree names, and AES-GCM's tag fails for any bytes but the blob that key sealed. Streamed
    /// copies (<see cref="CopyBlobAsync"/>) are always checked.
    /// </param>
    public FrameReader(Stream source, int maxBlobLength, bool verifyIds = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBlobLength);
        _source = source;
        _maxBlobLength = maxBlobLength;
        _verifyIds = verifyIds;
    }

    private readonly bool _verifyIds;

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
        _aheadStart = _aheadEnd = 0;
    }

    public BlobType Type { get; private set; }

    public BlobId Id { get; private set; }

    /// <summary>The current frame's declared blob length.</summary>
    public int Length { get; private set; }

    /// <summary>The current blob's bytes; valid until the next read.</summary>
    public ReadOnlyMemory<byte> Blob { get; private set; }

    /// <summary>Bytes consumed from the source: the end of the last whole frame read.</summary>
    public long Position { get; private set; }

    /// <summary>Offset (relative to where reading began) of the current frame's header.</summary>
    public long FrameOffset { get; private set; }

    public async ValueTask<bool> ReadNextAsync(CancellationToken ct)
    {
        int got = await ReadFullyAsync(_header, ct).ConfigureAwait(false);
        if (!ParseHeader(got))
        {
            return false;
        }

        got = 0;
        for (int until; (until = NextBodyEnd(got)) > got;)
        {
            got += await ReadFullyAsync(_buffer.AsMemory(got, until - got), ct).ConfigureAwait(false);
            if (got < until)
            {
                break;
            }
        }

        EndFrame(got);
        return true;
    }

    public bool ReadNext()
    {
        int got = ReadFully(_header);
        if (!ParseHeader(got))
        {
            return false;
        }

        got = 0;
        for (int until; (until = NextBodyEnd(got)) > got;)
        {
            got += ReadFully(_buffer.AsSpan(got, until - got));
            if (got < until)
            {
                break;
            }
        }

        EndFrame(got);
        return true;
    }

    /// <summary>Fills <paramref name="destination"/>; returns fewer bytes only at the end of the stream.</summary>
    private async ValueTask<int> ReadFullyAsync(Memory<byte> destination, CancellationToken ct)
    {
        int done = TakeAhead(destination.Span);
        while (done < destination.Length)
        {
            int missing = destination.Length - done;
            if (missing >= ReadAheadLength)
            {
                return done + await _source.ReadAtLeastAsync(destination[done..], missing, throwOnEndOfStream: false, ct).ConfigureAwait(false);
            }

            EnsureAheadBuffer();
            _aheadStart = 0;
            _aheadEnd = await _source.ReadAsync(_ahead, ct).ConfigureAwait(false);
            if (_aheadEnd == 0)
            {
                return done;
            }

            done += TakeAhead(destination.Span[done..]);
        }

        return done;
    }

    /// <summary>Synchronous <see cref="ReadFullyAsync"/>.</summary>
    private int ReadFully(Span<byte> destination)
    {
        int done = TakeAhead(destination);
        while (done < destination.Length)
        {
            int missing = destination.Length - done;
            if (missing >= ReadAheadLength)
            {
                return done + _source.ReadAtLeast(destination[done..], missing, throwOnEndOfStream: false);
            }

            EnsureAheadBuffer();
            _aheadStart = 0;
            _aheadEnd = _source.Read(_ahead);
            if (_aheadEnd == 0)
            {
                return done;
            }

            done += TakeAhead(destination[done..]);
        }

        return done;
    }

    /// <summary>Copies what the read-ahead holds (up to the destination's length) and consumes it.</summary>
    private int TakeAhead(Span<byte> destination)
    {
        int n = Math.Min(destination.Length, _aheadEnd - _aheadStart);
        _ahead.AsSpan(_aheadStart, n).CopyTo(destination);
        _aheadStart += n;
        return n;
    }

    private void EnsureAheadBuffer()
    {
        if (_ahead.Length == 0)
        {
            _ahead = new byte[ReadAheadLength];
        }
    }

    /// <summary>
    /// Where the next read of the current blob stops, <paramref name="got"/> bytes of it being in the buffer: its end,
    /// or the end of the buffer, which grows first when what arrived fills it. Growth doubles (from 64 KiB, up to the
    /// limit), so the buffer stays within twice the bytes that actually arrived: a header alone cannot make the reader
    /// allocate the length it declares. Returns <paramref name="got"/> when the blob is complete.
    /// </summary>
    private int NextBodyEnd(int got)
    {
        if (got == Length)
        {
            return got;
        }

        if (got == _buffer.Length)
        {
            var grown = new byte[Math.Min(_maxBlobLength, Math.Max(64 * 1024, 2L * _buffer.Length))];
            _buffer.AsSpan(0, got).CopyTo(grown);
            _buffer = grown;
        }

        return Math.Min(Length, _buffer.Length);
    }

    // Parses the header just read into Type, Id and Length; false at a clean end of stream.
    private bool ParseHeader(int got)
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

        (Type, Id, Length) = (frame.type, frame.id, frame.length);
        return true;
    }

    private void EndFrame(int got)
    {
        if (got < Length)
        {
            throw new InvalidFrameException(
                $"Truncated frame at offset {FrameOffset}: blob {Id} declares {Length} bytes but the stream ends after {got}.");
        }

        Blob = _buffer.AsMemory(0, Length);

        if (!_verifyIds)
        {
            Position = FrameOffset + FrameHeader.Length + Length;
            return;
        }

        Span<byte> hash = stackalloc byte[BlobId.Length];
        BlobCrypto.Sha256(Blob.Span, hash);
        CheckId(hash);
    }

    private void CheckId(ReadOnlySpan<byte> hash)
    {
        var actual = BlobId.Read(hash);
        if (actual != Id)
        {
            throw new InvalidFrameException($"Frame at offset {FrameOffset} claims blob {Id} but its {Length} bytes hash to {actual}.");
        }

        Position = FrameOffset + FrameHeader.Length + Length;
    }
}
