using CoStor.Appliance.Browse;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core.Reading;

namespace CoStor.Appliance.Archive;

/// <summary>
/// Restore archives: a whole snapshot or any folder (or one file) as .zip, .tar or .tar.gz, streamed as it is built
/// (docs/restore-archives.md). Contract: <see cref="Prepare"/> does every check that can fail before a byte is sent
/// — the snapshot exists and the viewer may see it, the path is in it — and records <c>archive.download</c> in the
/// audit log; then <see cref="ArchiveJob.WriteToAsync"/> streams. Used by the web UI and by
/// <c>costor-appliance archive</c> alike.
/// </summary>
public sealed class RestoreArchive(SnapshotBrowser browser, CatalogueDatabase database, PackFiles packs, AuditLog audit)
{
    /// <summary>
    /// The archive of <paramref name="path"/> in snapshot <paramref name="snapshotId"/>, or null when the snapshot
    /// is not found (or not visible to <paramref name="viewer"/>) or the path is not in it. Damaged trees along the
    /// path throw <see cref="Core.Errors.CoStorException"/>. <paramref name="deflate"/> (zip only) compresses files
    /// whose data compresses; by default zip entries are Stored, which streams several times faster.
    /// </summary>
    public ArchiveJob? Prepare(Viewer viewer, string snapshotId, BrowsePath path, ArchiveFormat format, bool deflate = false)
    {
        if (browser.Find(viewer, snapshotId) is not { } record)
            return null;
        using var blobs = new LocalBlobReader(database, packs);
        if (new TreeReader(blobs).Resolve(SnapshotBrowser.RootOf(record), path.Components) is not { } top)
            return null;
        var name = ArchiveFormats.Names[(int)format] + (deflate && format == ArchiveFormat.Zip ? " (deflate)" : "");
        audit.Record(new AuditEvent(viewer.Actor, "archive.download", browser.AuditTarget(snapshotId), $"{path} as {name}", viewer.Address));
        return new ArchiveJob(database, packs, record.Id, record.Host, path, format, top, deflate);
    }
}
