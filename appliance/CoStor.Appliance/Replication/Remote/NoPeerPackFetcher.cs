namespace CoStor.Appliance.Replication.Remote;

/// <summary>Fetches nothing: a pack not held here makes a remote archive fail as damaged storage does.</summary>
public sealed class NoPeerPackFetcher : IPeerPackFetcher
{
    public Task<string?> FetchAsync(string site, string packName, CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}
