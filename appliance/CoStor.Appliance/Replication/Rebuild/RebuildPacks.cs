using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Replication.Remote;

namespace CoStor.Appliance.Replication.Rebuild;

/// <summary>
/// Fetches a rebuilt site's packs (every sealed pack its rebuilt catalogue names) back from its peers, one at a time, through the <see cref="IPeerPackFetcher"/> that
/// self-heal and remote restore use (each peer asked in turn; a pack kept only when it verifies against its name),
/// reporting progress every 50 packs. Returns the packs no peer could give.
/// </summary>
internal static class RebuildPacks
{
    public static async Task<IReadOnlyList<string>> FetchAllAsync(IPeerPackFetcher fetcher, string site, CatalogueDatabase catalogue,
        TextWriter progress, CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Name, long Size)> packs;
        using (var connection = catalogue.Connect())
            packs = PackTable.AllSealed(connection);
        var missing = new List<string>();
        long bytes = 0;
        for (var i = 0; i < packs.Count; i++)
        {
            if (await fetcher.FetchAsync(site, packs[i].Name, cancellationToken) is null)
                missing.Add(packs[i].Name);
            bytes += packs[i].Size;
            if ((i + 1) % 50 == 0 || i + 1 == packs.Count)
                progress.WriteLine($"packs: {i + 1 - missing.Count} of {packs.Count} fetched ({bytes / 1_000_000} MB), {missing.Count} missing");
        }
        return missing;
    }
}
