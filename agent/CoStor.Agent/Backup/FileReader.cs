using CoStor.Agent.FileSystem;
using CoStor.Agent.State;
using CoStor.Core.Blobs;
using CoStor.Core.Chunking;

namespace CoStor.Agent.Backup;

/// <summary>
/// Reads one regular file: chunk, compress, hash the payload; chunks the agent already had acknowledged are
/// referenced at once, new ones go to the <see cref="ChunkUploader"/>. The file is opened without following
/// symlinks and compared before and after: a file that changed while being read is saved as read and
/// reported, one that cannot be opened is reported and left out. Buffers are reused, so memory stays flat
/// for files of any size.
/// </summary>
public sealed class FileReader(FastCdc chunker, BlobLog log, ChunkUploader uploader, BackupReport report)
{
    private readonly System.Collections.Concurrent.ConcurrentBag<Buffers> _buffers = [];

    /// <summary>
    /// Returns the file's chunks, or null when it was left out. With <paramref name="hashContents"/> it also
    /// returns the SHA-256 of exactly the bytes it chunked (for <see cref="DuplicateFiles"/>).
    /// </summary>
    public async Task<FileChunks?> ReadAsync(SourceNode node, bool hashContents, CancellationToken cancellationToken)
    {
        var buffers = _buffers.TryTake(out var pooled) ? pooled : new Buffers(chunker.Parameters.Max);
        try
        {
            return await ReadCoreAsync(node, buffers, hashContents, cancellationToken);
        }
        catch (PosixException e)
        {
            report.Unreadable(node.Path, e.Message);
            node.Omitted = true;
            return null;
        }
        catch (IOException e)
        {
            report.Unreadable(node.Path, e.Message);
            node.Omitted = true;
            return null;
        }
        finally
        {
            _buffers.Add(buffers);
        }
    }

    private async Task<FileChunks> ReadCoreAsync(SourceNode node, Buffers buffers, bool hashContents, CancellationToken cancellationToken)
    {
        using var contents = hashContents ? System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256) : null;
        using var handle = Posix.OpenRead(node.Path);
        var before = Posix.Fstat(handle);
        if (!before.IsRegular)
            throw new IOException("is no longer a regular file");
        using var stream = new SizedFileStream(handle, before.Size);
        var source = new StreamChunker(stream, chunker, buffers.Chunking);
        var slots = new List<ChunkSlot>();
        var hash = new byte[32];
        while (source.TryNext(out var chunk))
        {
            contents?.AppendData(chunk.Span);
            ReadOnlyMemory<byte> payload;
            BlobId payloadHash;
            if (chunk.Span.IndexOfAnyExcept((byte)0) < 0)
                (payload, payloadHash) = ZeroChunks.Get(chunk.Length);
            else
            {
                var length = Payload.Encode(chunk.Span, buffers.Payload);
                ConvergentKey.HashPayload(buffers.Payload.AsSpan(0, length), hash);
                payload = buffers.Payload.AsMemory(0, length);
                payloadHash = BlobId.Read(hash);
            }
            var slot = new ChunkSlot(chunk.Length);
            slots.Add(slot);
            if (log.TryGetData(payloadHash, out var known))
                slot.Value = new CoStor.Core.Trees.ChunkRef(known, chunk.Length);
            else
                await uploader.SubmitAsync(payload, payloadHash, slot, cancellationToken);
        }
        var after = Posix.Fstat(handle);
        if (after.Size != before.Size || after.MtimeNs != before.MtimeNs || after.CtimeNs != before.CtimeNs || source.BytesChunked != before.Size)
            report.Unreadable(node.Path, "changed while being read; saved as read");
        node.Stat = after with { Size = source.BytesChunked };
        return new FileChunks(slots, contents?.GetHashAndReset());
    }

    /// <summary>What reading a file produced: its chunks and, when asked for, the SHA-256 of the bytes they hold.</summary>
    public sealed record FileChunks(List<ChunkSlot> Slots, byte[]? ContentHash);

    private sealed class Buffers(int maxChunk)
    {
        public byte[] Chunking { get; } = new byte[2 * maxChunk];
        public byte[] Payload { get; } = new byte[CoStor.Core.Blobs.Payload.MaxEncodedLength(maxChunk)];
    }
}
