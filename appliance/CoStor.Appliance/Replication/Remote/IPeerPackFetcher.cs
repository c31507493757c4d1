namespace CoStor.Appliance.Replication.Remote; public interface IPeerPackFetcher { Task<string?> FetchAsync(string site, string packName, CancellationToken cancellationToken); }
