using System.Buffers;
using System.Text;
using CoStor.Core.Blobs;
using CoStor.Core.Trees;

namespace CoStor.Agent.State;

/// <summary>
/// Metadata cache of the last committed backup: for each regular file, (size, mtime, ctime, inode) and its
/// chunk references. A file whose four values are unchanged is not read again. Paths are raw bytes, held as
/// Latin-1 strings (a lossless byte ↔ char mapping) for dictionary keys.
/// Layout: magic "CSFC" version u8 = 1, then records until the end:
/// <c>path len u16 | path | size i64 | mtime i64 | ctime i64 | inode u64 | chunk count i32 | (id 32 | key 32 | length i32)*</c>.
/// </summary>
public sealed class FileCache
{
    private static readonly byte[] Magic = "CSFC\u0001"u8.ToArray();
    private readonly Dictionary<string, CachedFile> _files;

    private readonly Dictionary<string, CachedFile>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private FileCache(Dictionary<string, CachedFile> files)
    {
        _files = files;
        _lookup = files.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _files.Count;

    public static string Key(ReadOnlySpan<byte> path) => Encoding.Latin1.GetString(path);

    /// <summary>
    /// Looks a path up without allocating its key (a backup asks once for every file it walks): the path's
    /// bytes are widened into a char span, which is what <see cref="Key"/> makes of them.
    /// </summary>
    public bool TryGet(ReadOnlySpan<byte> path, out CachedFile file)
    {
        file = default!;
        if (_files.Count == 0)
            return false;
        char[]? rented = null;
        var key = path.Length <= 1024 ? stackalloc char[path.Length] : (rented = ArrayPool<char>.Shared.Rent(path.Length)).AsSpan(0, path.Length);
        try
        {
            Encoding.Latin1.GetChars(path, key);
            return _lookup.TryGetValue(key, out file!);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<char>.Shared.Return(rented);
        }
    }

    public static FileCache Empty() => new([]);

    /// <summary>Loads the cache; a missing or unreadable cache is an empty one (it only saves work).</summary>
    public static FileCache Load(string path)
    {
        try
        {
            using var stream = new BufferedStream(File.OpenRead(path), 1 << 16);
            using var reader = new BinaryReader(stream);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
                return Empty();
            var files = new Dictionary<string, CachedFile>();
            while (stream.Position < stream.Length)
            {
                var key = Encoding.Latin1.GetString(reader.ReadBytes(reader.ReadUInt16()));
                var size = reader.ReadInt64();
                var mtime = reader.ReadInt64();
                var ctime = reader.ReadInt64();
                var inode = reader.ReadUInt64();
                var chunks = new ChunkRef[reader.ReadInt32()];
                for (var i = 0; i < chunks.Length; i++)
                    chunks[i] = new ChunkRef(new BlobRef(BlobId.Read(reader.ReadBytes(32)), BlobKey.Read(reader.ReadBytes(32))), reader.ReadInt32());
                files[key] = new CachedFile(size, mtime, ctime, inode, chunks);
            }
            return new FileCache(files);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or UnauthorizedAccessException)
        {
            return Empty();
        }
    }

    public static void Save(string path, IEnumerable<(byte[] Path, CachedFile File)> files) =>
        StateDirectory.WriteAtomically(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            Span<byte> bytes = stackalloc byte[32];
            foreach (var (filePath, file) in files)
            {
                // The record's length field is 16 bits: a longer path (possible, if rare, past PATH_MAX) is not
                // cached, so that file is read again next time.
                if (filePath.Length > ushort.MaxValue)
                    continue;
                writer.Write((ushort)filePath.Length);
                writer.Write(filePath);
                writer.Write(file.Size);
                writer.Write(file.MtimeNs);
                writer.Write(file.CtimeNs);
                writer.Write(file.Inode);
                writer.Write(file.Content.Count);
                foreach (var chunk in file.Content)
                {
                    chunk.Ref.Id.WriteTo(bytes);
                    writer.Write(bytes);
                    chunk.Ref.Key.WriteTo(bytes);
                    writer.Write(bytes);
                    writer.Write(chunk.Length);
                }
            }
        });
}
