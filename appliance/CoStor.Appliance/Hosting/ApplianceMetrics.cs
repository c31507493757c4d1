using System.Globalization;
using System.Text;

namespace CoStor.Appliance.Hosting;

/// <summary>Process-wide counters, served as Prometheus text at <c>/metrics</c>.</summary>
public sealed class ApplianceMetrics
{
    private long _blobsReceived;
    private long _blobsStored;
    private long _bytesReceived;
    private long _snapshotsCommitted;
    private long _commitsRefused;

    public void BlobsReceived(int received, int stored, long bytes)
    {
        Interlocked.Add(ref _blobsReceived, received);
        Interlocked.Add(ref _blobsStored, stored);
        Interlocked.Add(ref _bytesReceived, bytes);
    }

    public void SnapshotCommitted() => Interlocked.Increment(ref _snapshotsCommitted);
    public void CommitRefused() => Interlocked.Increment(ref _commitsRefused);

    public string Render()
    {
        var text = new StringBuilder();
        Counter(text, "costor_blobs_received_total", "Blobs received in upload batches.", _blobsReceived);
        Counter(text, "costor_blobs_stored_total", "Blobs new to the appliance and stored.", _blobsStored);
        Counter(text, "costor_bytes_received_total", "Blob bytes received.", _bytesReceived);
        Counter(text, "costor_snapshots_committed_total", "Snapshots committed.", _snapshotsCommitted);
        Counter(text, "costor_commits_refused_total", "Snapshot commits refused.", _commitsRefused);
        return text.ToString();
    }

    private static void Counter(StringBuilder text, string name, string help, long value) =>
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} counter\n{name} {Interlocked.Read(ref value)}\n");
}
