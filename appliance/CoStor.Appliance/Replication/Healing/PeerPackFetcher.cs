using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Api;
using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Replication.Remote;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Appliance.Replication.Healing;

/// <summary>
/// Fetches a pack of any site from the configured peers (<c>GET /peer/v1/held/{site}/{name}</c>, asked in configuration
/// order, the owner itself included), verifies it by name (<see cref="PackVerifier"/> inside the stores' Put) and installs
/// it: this site's own packs into <see cref="LocalPackDirectory"/>, another site's into its <see cref="PeerPackStore"/>.
/// Returns the installed path, or null when no peer serves a pack that verifies. A pack already in place is not fetched.
/// Needs no serving host (no <see cref="PackStore"/>), so the CLI's <c>archive --site</c> uses it too.
/// </summary>
public sealed partial class PeerPackFetcher(PeerClients clients, ApplianceConfig config, SiteContext site, ILogger<PeerPackFetcher> logger)
    : IPeerPackFetcher
{
    public async Task<string?> FetchAsync(string siteName, string packName, CancellationToken cancellationToken)
    {
        if (!PeerNames.IsSite(siteName) || !PeerNames.IsPack(packName))
            return null;
        var own = string.Equals(siteName, site.Keys.SiteName, StringComparison.Ordinal);
        // A second LocalPackDirectory over the same folder is safe: each Put writes its own temporary file and renames it.
        IPackStore store = own ? new LocalPackDirectory(site.Data.PacksPath) : PeerPackStore.For(site.Data, siteName);
        var path = own ? LocalPackDirectory.PathIn(site.Data.PacksPath, packName) : LocalPackDirectory.PathIn(Path.Combine(site.Data.PeerPath(siteName), "packs"), packName);
        var id = BlobId.Parse(packName);
        if (store.Contains(id))
            return path;
        foreach (var peer in config.Peers)
        {
            try
            {
                using var response = await clients.For(peer).GetAsync($"peer/v1/held/{siteName}/{packName}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                    continue;
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await store.PutAsync(id, body, cancellationToken);
                Log.Fetched(logger, siteName, packName, peer.Name);
                return path;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or CorruptPackException or EndOfStreamException or IOException
                                      && !cancellationToken.IsCancellationRequested)
            {
                Log.PeerFailed(logger, siteName, packName, peer.Name, e.Message);
            }
        }
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "fetched pack {Pack} of site {Site} from peer {Peer}")]
        public static partial void Fetched(ILogger logger, string site, string pack, string peer);

        [LoggerMessage(2, LogLevel.Warning, "peer {Peer} could not give pack {Pack} of site {Site}: {Reason}")]
        public static partial void PeerFailed(ILogger logger, string site, string pack, string peer, string reason);
    }
}
