using CoStor.Appliance.Catalogue;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Replication.Healing;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tls;
using CoStor.Core.Errors;
using CoStor.Core.Keys;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoStor.Appliance.Replication.Rebuild;

/// <summary>
/// Rebuilds a lost site on a new, empty data directory from its peers (docs/replication.md, "Rebuild"): the site's
/// recovery-wrapped keyring and CA from one peer (pinned by its fingerprint), unwrapped with the recovery key; the
/// CA checked against the key the keyring derives (so a peer cannot substitute another CA); then, authenticated as
/// the site itself, its latest checkpoint, materialised into the catalogue, and every pack it names fetched back
/// from the peers (the given one and those the checkpoint lists), each verified by its name before it is kept.
/// Nothing is written before the keyring opens; a pack no peer holds is reported, not invented.
/// </summary>
public sealed class SiteRebuilder(ApplianceConfig config, DataDirectory data, TimeProvider time, TextWriter progress)
{
    /// <summary>What a rebuild restored: packs fetched, packs no peer could give, the peers the site had.</summary>
    public sealed record Outcome(int Packs, IReadOnlyList<string> Missing, IReadOnlyList<CheckpointPeer> Peers, int Snapshots, int Agents);

    public async Task<Outcome> RunAsync(string site, PeerConfig peer, RecoveryKey recoveryKey, CancellationToken cancellationToken)
    {
        if (data.SiteExists || File.Exists(data.CataloguePath))
            throw new ApplianceException($"{data.Root} already holds a site: a rebuild needs an empty data directory");
        // The peer's CA is fetched into a scratch directory: nothing is written here before the keyring opens.
        var scratch = Directory.CreateTempSubdirectory("costor-rebuild-");
        try
        {
            return await RunAsync(site, peer, recoveryKey, new DataDirectory(scratch.FullName), cancellationToken);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private async Task<Outcome> RunAsync(string site, PeerConfig peer, RecoveryKey recoveryKey, DataDirectory scratch, CancellationToken cancellationToken)
    {
        using var bootstrap = new PeerAuthorities([peer], scratch, time, NullLogger<PeerAuthorities>.Instance);
        var peerCa = await bootstrap.GetAsync(peer, cancellationToken)
            ?? throw new ApplianceException($"{peer.Url} did not present a CA with fingerprint {peer.Fingerprint}");
        var (wrapped, caPem) = await FetchRecoveryAsync(site, peer, peerCa, cancellationToken);
        OpenedKeyring opened;
        try
        {
            opened = KeyringFile.Open(wrapped, recoveryKey);
        }
        catch (CoStorException e)
        {
            throw new ApplianceException($"the recovery key does not open site {site}'s keyring: {e.Message}");
        }
        if (!string.Equals(opened.SiteName, site, StringComparison.Ordinal))
            throw new ApplianceException($"{peer.Url} served the keyring of site '{opened.SiteName}', not '{site}'");
        using var ca = X509Certificate2.CreateFromPem(caPem);
        if (!CertificateAuthority.MatchesKeyring(ca, opened.Keyring))
            throw new ApplianceException($"the CA certificate {peer.Url} served for site {site} is not the one its keyring derives");

        var keys = SiteKeys.Restore(data, opened.Keyring, site, wrapped);
        DurableFile.WriteAllBytes(data.CaCertificatePath, System.Text.Encoding.ASCII.GetBytes(caPem),
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        progress.WriteLine($"restored site {site}'s keyring and CA (fingerprint {Core.Protocol.CertificateFingerprint.Of(ca)})");

        using var authority = CertificateAuthority.LoadOrCreate(data, keys, time);
        using var certificates = new PeerCertificates(authority, site, time);
        var (sequence, json) = await FetchCheckpointAsync(site, peer, certificates, bootstrap, keys, authority.Certificate, cancellationToken);
        CheckpointMaterialiser.Summary content;
        CatalogueDatabase database;
        try
        {
            (database, content) = CheckpointMaterialiser.WriteJson(json, site, sequence, data.CataloguePath);
        }
        catch (CheckpointException e)
        {
            throw new ApplianceException($"the checkpoint {peer.Url} holds of site {site} cannot be used: {e.Message}");
        }
        json = []; // the JSON (tens of MB for a large site) is not needed while the packs are fetched
        progress.WriteLine($"catalogue rebuilt from checkpoint {content.Sequence}: {content.Agents} agents, {content.Snapshots} snapshots, {content.Packs} packs");

        var peers = Peers(peer, content);
        using var authorities = new PeerAuthorities(peers, data, time, NullLogger<PeerAuthorities>.Instance);
        foreach (var each in peers)
            await authorities.GetAsync(each, cancellationToken);
        using var clients = new PeerClients(certificates, authorities, time);
        var rebuilt = config with { Site = config.Site with { Name = site }, Peers = peers };
        var fetcher = new PeerPackFetcher(clients, rebuilt, new SiteContext(data, keys, authority, rebuilt), NullLogger<PeerPackFetcher>.Instance);
        var missing = await RebuildPacks.FetchAllAsync(fetcher, site, database, progress, cancellationToken);
        return new Outcome(content.Packs - missing.Count, missing, content.Peers, content.Snapshots, content.Agents);
    }

    /// <summary>The anonymous <c>GET /api/v1/peer-recovery/{site}</c>, over TLS pinned to the peer's CA.</summary>
    private async Task<(byte[] Wrapped, string CaPem)> FetchRecoveryAsync(string site, PeerConfig peer, X509Certificate2 peerCa, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 leaf && PinnedChain.ChainsTo(leaf, peerCa, time.GetUtcNow(), "1.3.6.1.5.5.7.3.1");
        using var client = new HttpClient(handler) { BaseAddress = peer.Url };
        using var response = await client.GetAsync($"api/v1/peer-recovery/{Uri.EscapeDataString(site)}", cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ApplianceException($"{peer.Url} holds nothing of site {site} ({(int)response.StatusCode})");
        using var reply = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        try
        {
            var wrapped = Convert.FromBase64String(reply.RootElement.GetProperty("keyring").GetString() ?? "");
            var ca = reply.RootElement.GetProperty("ca").GetString() ?? "";
            return (wrapped, ca);
        }
        catch (Exception e) when (e is KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new ApplianceException($"{peer.Url} answered the recovery request with something else: {e.Message}");
        }
    }

    /// <summary>The site's checkpoint as the peer holds it (<c>GET /peer/v1/held/{site}/checkpoint</c>), authenticated as the site.</summary>
    private async Task<(long Sequence, byte[] Json)> FetchCheckpointAsync(string site, PeerConfig peer, PeerCertificates certificates, PeerAuthorities authorities,
        SiteKeys keys, X509Certificate2 siteCa, CancellationToken cancellationToken)
    {
        using var clients = new PeerClients(certificates, authorities, time);
        using var response = await clients.For(peer).GetAsync($"peer/v1/held/{Uri.EscapeDataString(site)}/checkpoint", cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ApplianceException($"{peer.Url} has no checkpoint of site {site} ({(int)response.StatusCode}); is '{site}' among its [[peers]]?");
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            return CheckpointCodec.OpenJson(bytes, siteCa, keys.Keyring);
        }
        catch (CheckpointException e)
        {
            throw new ApplianceException($"the checkpoint {peer.Url} holds of site {site} cannot be used: {e.Message}");
        }
    }

    /// <summary>
    /// The peer given on the command line first (under the name the checkpoint gives its fingerprint), then the
    /// site's other peers from its checkpoint.
    /// </summary>
    private static ImmutableArray<PeerConfig> Peers(PeerConfig given, CheckpointMaterialiser.Summary content)
    {
        var named = content.Peers.FirstOrDefault(p => string.Equals(p.Fingerprint, given.Fingerprint, StringComparison.OrdinalIgnoreCase));
        var peers = ImmutableArray.CreateBuilder<PeerConfig>();
        peers.Add(given with { Name = named?.Name ?? given.Name });
        foreach (var peer in content.Peers)
        {
            if (peer != named && Uri.TryCreate(peer.Url, UriKind.Absolute, out var url))
                peers.Add(new PeerConfig(peer.Name, url, peer.Fingerprint));
        }
        return peers.ToImmutable();
    }
}
