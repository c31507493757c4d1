using System.Globalization;
using System.Text;
using CoStor.Appliance.Catalogue;

namespace CoStor.Appliance.Hosting;

/// <summary>Process-wide counters, served as Prometheus text at <c>/metrics</c>.</summary>
public sealed class ApplianceMetrics(KnownBlobFilter knownIds)
{
    private long _blobsReceived;
    private long _blobsStored;
    private long _bytesReceived;
    private long _snapshotsCommitted;
    private long _commitsRefused;
    private long _indexProbesSkipped;

    public void BlobsReceived(int received, int stored, long bytes)
    {
        Interlocked.Add(ref _blobsReceived, received);
        Interlocked.Add(ref _blobsStored, stored);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    /// <summary>An uploaded blob the known-id filter showed to be new, so the index was not asked.</summary>
    public void IndexProbesSkipped(int count) => Interlocked.Add(ref _indexProbesSkipped, count);

    public void SnapshotCommitted() => Interlocked.Increment(ref _snapshotsCommitted);
    public void CommitRefused() => Interlocked.Increment(ref _commitsRefused);

    public string Render()
    {
        var text = new StringBuilder();
        Counter(text, "costor_blobs_received_total", "Blobs received in upload batches.", Interlocked.Read(ref _blobsReceived));
        Counter(text, "costor_blobs_stored_total", "Blobs new to the appliance and stored.", Interlocked.Read(ref _blobsStored));
        Counter(text, "costor_bytes_received_total", "Blob bytes received.", Interlocked.Read(ref _bytesReceived));
        Counter(text, "costor_snapshots_committed_total", "Snapshots committed.", Interlocked.Read(ref _snapshotsCommitted));
        Counter(text, "costor_commits_refused_total", "Snapshot commits refused.", Interlocked.Read(ref _commitsRefused));
        Counter(text, "costor_index_probes_skipped_total", "Uploaded blobs the known-id filter showed to be new without asking the index.", Interlocked.Read(ref _indexProbesSkipped));
        Gauge(text, "costor_known_id_filter_loaded", "1 once the filter of known blob ids holds the whole index.", knownIds.IsLoaded ? 1 : 0);
        Gauge(text, "costor_known_id_filter_bytes", "Memory held by the filter of known blob ids.", knownIds.SizeInBytes);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value) => Metric(text, "counter", name, help, value);

    private static void Gauge(StringBuilder text, string name, string help, long value) => Metric(text, "gauge", name, help, value);

    private static void Metric(StringBuilder text, string type, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n{name} {value}\n");
}
