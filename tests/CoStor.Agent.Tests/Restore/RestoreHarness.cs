using CoStor.Agent.Restore;
using CoStor.Agent.Tests.FileSystem;
using CoStor.Core.Blobs;

namespace CoStor.Agent.Tests.Restore;

/// <summary>Runs a <see cref="Restorer"/> against a <see cref="SnapshotBuilder"/>'s blobs into <c>temp/target</c>.</summary>
public static class RestoreHarness
{
    public static Task<RestoreOutcome> RestoreAsync(
        SnapshotBuilder snapshot, BlobRef root, TempDirectory temp, string? include = null, int batchBytes = 1 << 20, bool setOwner = false)
    {
        var restorer = new Restorer(snapshot.Source, new RestoreOptions { BatchBytes = batchBytes, SetOwner = setOwner });
        return restorer.RestoreAsync(root, include, temp.Child("target"), CancellationToken.None);
    }
}
