namespace CoStor.Core.Protocol;

/// <summary>Batch limits of the agent API, shared so client and server agree.</summary>
public static class ProtocolLimits
{
    /// <summary>Most payload hashes in one <c>POST /api/v1/keys</c>.</summary>
    public const int MaxKeysPerRequest = 8192;

    /// <summary>Most snapshots in one page of <c>GET /api/v1/snapshots</c> (the default page size).</summary>
    public const int MaxSnapshotsPerPage = 1000;

    /// <summary>Most ids in one <c>POST /api/v1/blobs/read</c>.</summary>
    public const int MaxReadIds = 4096;

    /// <summary>
    /// Most blobs (frames) in one <c>POST /api/v1/blobs</c>: bounds the memory and the index transaction of an
    /// upload whatever its body holds (a 1 GiB body of tiny frames is refused at the first frame over it).
    /// </summary>
    public const int MaxUploadFrames = 65_536;

    /// <summary>Largest upload body the appliance accepts in one request.</summary>
    public const long MaxUploadBody = 1L << 30;

    /// <summary>
    /// Most unreadable entries a commit (and so a snapshot record) lists; <see cref="SnapshotStats.UnreadableCount"/>
    /// counts them all. A share with thousands of locked files must still commit within the JSON body limit.
    /// </summary>
    public const int MaxUnreadableListed = 1000;

    /// <summary>Most characters of paths and errors the unreadable list of a commit holds (it stops before this).</summary>
    public const int MaxUnreadableListedChars = 256 * 1024;
}
