using CoStor.Appliance.Catalogue;
using System.Security.Cryptography;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Browse;

public sealed partial class SnapshotBrowser
{
    /// <summary>
    /// The distinct contents of the file at <paramref name="path"/> across the newest <paramref name="maxSnapshots"/>
    /// snapshots of <paramref name="agentId"/>, oldest first, one <see cref="FileVersion"/> per content (snapshots
    /// where the path is absent or not a regular file are skipped). Empty when the viewer may not see the agent.
    /// Unchanged directories share one tree across snapshots and are decoded once (<see cref="TreeReader"/>).
    /// </summary>
    public IReadOnlyList<FileVersion> Versions(Viewer viewer, string agentId, BrowsePath path, int maxSnapshots = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSnapshots, 1);
        if (!viewer.CanSee(agentId) || path.IsRoot)
            return [];
        using var blobs = new LocalBlobReader(database, packs);
        var trees = new TreeReader(blobs);
        var versions = new List<FileVersion>();
        var byContent = new Dictionary<string, int>();
        foreach (var record in snapshots.Newest(agentId, maxSnapshots))
        {
            if (trees.Resolve(RootOf(record), path.Components) is not { Type: NodeType.File } file)
                continue;
            var content = ContentId(file);
            if (byContent.TryGetValue(content, out int index))
            {
                var seen = versions[index];
                versions[index] = seen with { SnapshotCount = seen.SnapshotCount + 1, LastSnapshotId = record.Id, LastSnapshotTime = record.FinishedAt };
                continue;
            }
            byContent[content] = versions.Count;
            versions.Add(new FileVersion(record.Id, record.FinishedAt, file.Size, file.MtimeNs, content, 1, record.Id, record.FinishedAt));
        }
        audit.Record(new AuditEvent(viewer.Actor, "snapshot.browse", AuditTarget(agentId), $"versions of {path}", viewer.Address));
        return versions;
    }

    /// <summary>Lowercase hex SHA-256 over (chunk blob id ‖ plain length u32 LE) for every chunk, in order.</summary>
    public static string ContentId(TreeNode file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> entry = stackalloc byte[BlobId.Length + 4];
        foreach (var chunk in file.Content)
        {
            chunk.Ref.Id.WriteTo(entry);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(entry[BlobId.Length..], chunk.Length);
            hash.AppendData(entry);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
