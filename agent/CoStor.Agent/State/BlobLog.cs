using CoStor.Core.Blobs;

namespace CoStor.Agent.State;

/// <summary>
/// The blobs this agent has had acknowledged by the appliance, so it never asks for a key or uploads a
/// chunk twice, and never needs a "does the appliance hold X?" oracle. Append-only file of 97-byte records:
/// <c>type u8 | payload hash (data) or blob id (tree) 32 | blob id 32 | key 32</c>. A torn last record
/// (crash while appending) is ignored; losing records only costs a re-upload, which is a no-op.
/// </summary>
public sealed class BlobLog : IDisposable
{
    private const int RecordLength = 97;
    private readonly Dictionary<BlobId, BlobRef> _data = [];
    private readonly HashSet<BlobId> _trees = [];
    private readonly FileStream _append;
    private readonly Lock _gate = new();

    public BlobLog(string path)
    {
        if (File.Exists(path))
            Load(File.ReadAllBytes(path));
        _append = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        _append.SetLength(_append.Length - _append.Length % RecordLength);
        _append.Position = _append.Length;
    }

    public int DataCount => _data.Count;

    /// <summary>The reference of an acknowledged data chunk with this payload hash.</summary>
    public bool TryGetData(in BlobId payloadHash, out BlobRef reference)
    {
        lock (_gate)
            return _data.TryGetValue(payloadHash, out reference);
    }

    public bool HasTree(in BlobId id)
    {
        lock (_gate)
            return _trees.Contains(id);
    }

    /// <summary>All acknowledged data blob ids (to check a cached file's chunks are still trusted).</summary>
    public HashSet<BlobId> DataIds()
    {
        lock (_gate)
            return _data.Values.Select(r => r.Id).ToHashSet();
    }

    /// <summary>Records acknowledged blobs; call only after the appliance replied to their upload.</summary>
    public void Append(IEnumerable<(BlobType Type, BlobId Hash, BlobRef Reference)> blobs)
    {
        lock (_gate)
        {
            Span<byte> record = stackalloc byte[RecordLength];
            foreach (var (type, hash, reference) in blobs)
            {
                record[0] = (byte)type;
                hash.WriteTo(record[1..]);
                reference.Id.WriteTo(record[33..]);
                reference.Key.WriteTo(record[65..]);
                _append.Write(record);
                if (type == BlobType.Tree)
                    _trees.Add(reference.Id);
                else
                    _data[hash] = reference;
            }
            _append.Flush();
        }
    }

    private void Load(ReadOnlySpan<byte> bytes)
    {
        for (var offset = 0; offset + RecordLength <= bytes.Length; offset += RecordLength)
        {
            var record = bytes.Slice(offset, RecordLength);
            var reference = new BlobRef(BlobId.Read(record[33..]), BlobKey.Read(record[65..]));
            if ((BlobType)record[0] == BlobType.Tree)
                _trees.Add(reference.Id);
            else
                _data[BlobId.Read(record[1..])] = reference;
        }
    }

    public void Dispose() => _append.Dispose();
}
