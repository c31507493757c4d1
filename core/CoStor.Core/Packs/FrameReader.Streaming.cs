using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Core.Packs;

public sealed partial class FrameReader
{
    /// <summary>
    /// Streaming form for large frame streams: reads only the next frame's header (<see cref="Type"/>,
    /// <see cref="Id"/>, <see cref="Length"/>); the caller must then call <see cref="CopyBlobAsync"/> before
    /// reading on. Memory stays at one piece buffer however large the blobs. Returns false at a clean end.
    /// </summary>
    public async ValueTask<bool> ReadHeaderAsync(CancellationToken ct)
    {
        int got = await ReadFullyAsync(_header, ct).ConfigureAwait(false);
        return ParseHeader(got);
    }

    /// <summary>
    /// Streams the current frame's blob (after <see cref="ReadHeaderAsync"/>) to <paramref name="sink"/> in
    /// pieces of up to <see cref="PieceLength"/> bytes, hashing as it goes, and checks it against its id at the
    /// end. The sink may see the bytes before the check (a blob larger than what is read ahead streams in
    /// pieces): a caller that stores them must take them back when this throws (an open pack's rollback does).
    /// A null sink only verifies.
    /// </summary>
    public async ValueTask CopyBlobAsync(BlobSink? sink, CancellationToken ct)
    {
        if (_aheadEnd - _aheadStart >= Length)
        {
            CopyBufferedBlob(sink);
            return;
        }

        _hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            int remaining = Length;
            while (remaining > 0)
            {
                ReadOnlyMemory<byte> piece;
                if (_aheadEnd > _aheadStart)
                {
                    int n = Math.Min(remaining, _aheadEnd - _aheadStart);
                    piece = _ahead.AsMemory(_aheadStart, n);
                    _aheadStart += n;
                }
                else
                {
                    if (_piece.Length == 0)
                    {
                        _piece = new byte[PieceLength];
                    }

                    int wanted = Math.Min(remaining, _piece.Length);
                    int got = await ReadFullyAsync(_piece.AsMemory(0, wanted), ct).ConfigureAwait(false);
                    if (got < wanted)
                    {
                        throw new InvalidFrameException(
                            $"Truncated frame at offset {FrameOffset}: blob {Id} declares {Length} bytes but the stream ends after {Length - remaining + got}.");
                    }

                    piece = _piece.AsMemory(0, got);
                }

                _hash.AppendData(piece.Span);
                sink?.Invoke(piece.Span);
                remaining -= piece.Length;
            }
        }
        catch
        {
            // Whatever stopped the copy (truncation, a dropped connection, a failing sink), the hash must not
            // carry this blob's bytes into the next one: a pooled reader is reused for the next stream.
            _hash.GetHashAndReset();
            throw;
        }

        CheckIncrementalHash();
    }

    /// <summary>The whole blob is already read ahead (the common case for small blobs): one hash call, no copy.</summary>
    private void CopyBufferedBlob(BlobSink? sink)
    {
        var whole = _ahead.AsSpan(_aheadStart, Length);
        Span<byte> hash = stackalloc byte[BlobId.Length];
        BlobCrypto.Sha256(whole, hash);
        CheckId(hash);
        sink?.Invoke(whole);
        _aheadStart += Length;
    }

    private void CheckIncrementalHash()
    {
        Span<byte> hash = stackalloc byte[BlobId.Length];
        _hash!.GetHashAndReset(hash);
        CheckId(hash);
    }

    /// <summary>Blob bytes per piece in <see cref="CopyBlobAsync"/>.</summary>
    public const int PieceLength = 256 * 1024;
}
