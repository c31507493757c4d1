using System.Collections.Immutable;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;

namespace CoStor.Appliance.Replication.Rebuild;

/// <summary>
/// Fetches a rebuilt site's packs back from its peers (<c>GET /peer/v1/held/{site}/{name}</c>), one at a time, asking
/// each peer in order until one gives a pack that verifies against its name (<see cref="LocalPackDirectory.PutAsync"/>
/// checks it before it is kept). A peer that is down, does not hold the pack or serves bad bytes is simply skipped
/// for that pack; a pack no peer could give is returned in the missing list.
/// </summary>
internal sealed class RebuildPackFetcher(DataDirectory data, PeerClients clients, ImmutableArray<PeerConfig> peers, string site, TextWriter progress)
{
    public async Task<IReadOnlyList<string>> FetchAllAsync(IReadOnlyList<CheckpointPack> packs, CancellationToken cancellationToken)
    {
        var store = new LocalPackDirectory(data.PacksPath);
        var missing = new List<string>();
        long bytes = 0;
        for (var i = 0; i < packs.Count; i++)
        {
            var name = BlobId.Parse(packs[i].Name);
            if (!store.Contains(name) && !await FetchAsync(store, name, cancellationToken))
                missing.Add(packs[i].Name);
            bytes += packs[i].Size;
            if ((i + 1) % 50 == 0 || i + 1 == packs.Count)
                progress.WriteLine($"packs: {i + 1 - missing.Count} of {packs.Count} fetched ({bytes / 1_000_000} MB), {missing.Count} missing");
        }
        return missing;
    }

    private async Task<bool> FetchAsync(LocalPackDirectory store, BlobId name, CancellationToken cancellationToken)
    {
        foreach (var peer in peers)
        {
            try
            {
                using var response = await clients.For(peer).GetAsync($"peer/v1/held/{Uri.EscapeDataString(site)}/{name}",
                    HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                    continue;
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                await store.PutAsync(name, body, cancellationToken);
                return true;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or CoStorException)
            {
                progress.WriteLine($"pack {name} from {peer.Name}: {e.Message}");
            }
        }
        return false;
    }
}
