namespace CoStor.Core.Chunking;

/// <summary>
/// Splits a stream into content-defined chunks using one caller-supplied buffer (at least 2 × Max), so
/// chunking allocates nothing per chunk. Each chunk is a view into that buffer and stays valid only until
/// the next call. Not thread-safe.
/// </summary>
public sealed class StreamChunker
{
    private readonly Stream _source;
    private readonly FastCdc _cdc;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public StreamChunker(Stream source, FastCdc cdc, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(cdc);
        ArgumentNullException.ThrowIfNull(buffer);
        long needed = 2L * cdc.Parameters.Max;
        if (buffer.Length < needed)
        {
            throw new ArgumentException($"Chunker buffer must hold at least {needed} bytes (2 × Max); got {buffer.Length}.", nameof(buffer));
        }

        _source = source;
        _cdc = cdc;
        _buffer = buffer;
    }

    /// <summary>Bytes read from the source so far (including bytes not yet returned as chunks).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Total length of the chunks returned so far.</summary>
    public long BytesChunked { get; private set; }

    /// <summary>Next chunk, or false at end of stream. The chunk is valid until the next call.</summary>
    public bool TryNext(out ReadOnlyMemory<byte> chunk)
    {
        while (true)
        {
            if (TryCut(out chunk, out bool done))
            {
                return true;
            }

            if (done)
            {
                return false;
            }

            Compact();
            while (_end < _buffer.Length && !_eof)
            {
                Filled(_source.Read(_buffer, _end, _buffer.Length - _end));
            }
        }
    }

    /// <summary>Async form of <see cref="TryNext"/>: the next chunk, or an empty value at end of stream.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            if (TryCut(out var chunk, out bool done))
            {
                return chunk;
            }

            if (done)
            {
                return null;
            }

            Compact();
            while (_end < _buffer.Length && !_eof)
            {
                Filled(await _source.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false));
            }
        }
    }

    private bool TryCut(out ReadOnlyMemory<byte> chunk, out bool done)
    {
        chunk = default;
        done = _eof && _start == _end;
        if (done)
        {
            return false;
        }

        int cut = _cdc.NextCut(_buffer.AsSpan(_start, _end - _start), _eof);
        if (cut < 0)
        {
            return false;
        }

        chunk = new ReadOnlyMemory<byte>(_buffer, _start, cut);
        _start += cut;
        BytesChunked += cut;
        return true;
    }

    // Moves the unchunked tail (under Max bytes, since NextCut wanted more) to the front; the previous
    // chunk is no longer promised to the caller, so overwriting it is fine.
    private void Compact()
    {
        int remaining = _end - _start;
        if (_start > 0)
        {
            _buffer.AsSpan(_start, remaining).CopyTo(_buffer);
            _start = 0;
            _end = remaining;
        }
    }

    private void Filled(int read)
    {
        if (read <= 0)
        {
            _eof = true;
            return;
        }

        _end += read;
        BytesRead += read;
    }
}
