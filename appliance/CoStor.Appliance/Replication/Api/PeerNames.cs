using CoStor.Core.Blobs;

namespace CoStor.Appliance.Replication.Api;

/// <summary>Checks on names a peer sends before any becomes a path or a query.</summary>
public static class PeerNames
{
    /// <summary>A pack name: 64 lowercase hex digits.</summary>
    public static bool IsPack(string? name) =>
        name is { Length: 64 } && BlobId.TryParse(name, out var id) && string.Equals(id.ToString(), name, StringComparison.Ordinal);

    /// <summary>A site name as <c>site.name</c> allows.</summary>
    public static bool IsSite(string? name) => name is not null && Site.DataDirectory.IsSiteName(name);
}
