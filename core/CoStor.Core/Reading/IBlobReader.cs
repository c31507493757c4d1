using CoStor.Core.Blobs;

namespace CoStor.Core.Reading;

/// <summary>
/// Reads stored blobs by id, one at a time, where they are held locally (the appliance's packs).
/// Contract: <see cref="Read"/> returns the blob's stored bytes in the reader's own scratch memory, valid only until
/// the next call on the same reader and the caller's to overwrite (a chunk is decrypted in place), or throws <see cref="Errors.MissingBlobException"/> when the blob is not held; callers verify what they read
/// (<see cref="Trees.TreeBlob.Open"/>, <see cref="ChunkOpener"/>). A reader is used by one thread at a time.
/// <para>
/// When what <see cref="Read"/> gave fails that check, the caller asks <see cref="TryRepair"/> once: true means the
/// reader found its stored copy damaged and replaced it, and the caller reads and checks again. Checking only on a
/// failure keeps the common path to one read and one decryption (the authenticated decryption is the check).
/// </para>
/// </summary>
public interface IBlobReader
{
    Span<byte> Read(in BlobId id);

    /// <summary>Whether the stored copy of <paramref name="id"/> was damaged and has been replaced (default: no repair).</summary>
    bool TryRepair(in BlobId id) => false;
}
