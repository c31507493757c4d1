namespace CoStor.Appliance.Replication.Remote;

/// <summary>
/// Fetches a pack of peer site <c>site</c> that this box does not hold from another peer that does. Contract: returns
/// the path of the pack, verified against its name (<see cref="Storage.PackVerifier"/>) and now held under
/// <c>peers/SITE/packs/</c>, or null when no peer could supply it. The replication engine provides the real one;
/// <see cref="NoPeerPackFetcher"/> (the default) fetches nothing.
/// </summary>
public interface IPeerPackFetcher
{
    Task<string?> FetchAsync(string site, string packName, CancellationToken cancellationToken);
}
