using System.Net.Http.Json;
using System.Security.Cryptography;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Hosting;
using CoStor.Appliance.Replication.Api;
using CoStor.Appliance.Replication.Placement;
using CoStor.Appliance.Replication.Proofs;
using CoStor.Appliance.Replication.Trust;
using CoStor.Appliance.Storage;

namespace CoStor.Appliance.Replication.Proving;

/// <summary>
/// The owner's proof rounds (docs/replication.md, "Proof of holding"): every <c>interval_seconds</c>, per peer, the
/// packs of this site assigned to it are challenged — every one without a current proof that the peer lists as held
/// (<c>held/{this site}</c>; a pack it has not pulled yet is not its failure), plus <c>proof_sample</c> random proven
/// ones — in requests of at most <see cref="ProofRequest.MaxItems"/>, and checked against this site's own copies.
/// A peer that cannot be reached or answers badly gets failures for what was asked, never a proof.
/// </summary>
public sealed partial class ProofService(PeerClients clients, PeerAssignments assignments, ReplicaProofStore proofs, SiteContext site,
    ApplianceConfig config, TimeProvider time, ILogger<ProofService> logger) : BackgroundService
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>One round over every peer; per peer, the results recorded.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<ProofResult>>> RunRoundAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var rounds = await Task.WhenAll(config.Peers.Select(peer => ProvePeerAsync(peer, cancellationToken)));
            return config.Peers.Zip(rounds).ToDictionary(p => p.First.Name, p => p.Second, StringComparer.Ordinal);
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<IReadOnlyList<ProofResult>> ProvePeerAsync(PeerConfig peer, CancellationToken cancellationToken)
    {
        var http = clients.For(peer);
        var assigned = assignments.All(peer.Name);
        var listed = await ListedAsync(http, cancellationToken);
        var unproven = assigned.Where(p => !proofs.IsProven(p.Name, peer.Name) && (listed is null || listed.Contains(p.Name))).ToList();
        var proven = assigned.Where(p => proofs.IsProven(p.Name, peer.Name)).ToArray();
        RandomNumberGenerator.Shuffle(proven.AsSpan());
        var asked = unproven.Concat(proven.Take(config.Replication.ProofSample)).ToList();
        var results = new List<ProofResult>(asked.Count);
        var checker = new ProofChecker(OpenOwn);
        using var random = RandomNumberGenerator.Create();
        foreach (var batch in asked.Chunk(ProofRequest.MaxItems))
        {
            var challenge = ProofChallenges.Create(batch, random);
            IReadOnlyList<byte[]?> answers;
            try
            {
                using var response = await http.PostAsJsonAsync("peer/v1/proofs", new ProofRequest(challenge.Nonce, challenge.Items),
                    ReplicationJsonContext.Default.ProofRequest, cancellationToken);
                response.EnsureSuccessStatusCode();
                answers = (await response.Content.ReadFromJsonAsync(ReplicationJsonContext.Default.ProofReply, cancellationToken))?.Answers() ?? [];
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
            {
                Log.Unanswered(logger, peer.Name, e.Message);
                results.AddRange(challenge.Items.Select(i => new ProofResult(i.Pack, ProofOutcome.Failed, "no answer: " + e.Message)));
                continue;
            }
            results.AddRange(checker.Check(challenge, answers));
        }
        foreach (var result in results)
        {
            if (result.Outcome == ProofOutcome.Proven)
                proofs.RecordProven(result.Pack, peer.Name);
            else if (result.Outcome == ProofOutcome.Failed)
            {
                proofs.RecordFailed(result.Pack, peer.Name, result.Failure!);
                Log.Failed(logger, peer.Name, result.Pack, result.Failure!);
            }
        }
        return results;
    }

    /// <summary>The names the peer says it holds of this site, or null when it does not answer (then everything unproven is asked).</summary>
    private async Task<HashSet<string>?> ListedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync("peer/v1/held/" + site.Keys.SiteName, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                return [];
            response.EnsureSuccessStatusCode();
            var held = await response.Content.ReadFromJsonAsync(ReplicationJsonContext.Default.HeldPacks, cancellationToken);
            return held?.Packs.Select(p => p.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle? OpenOwn(string name)
    {
        try
        {
            return File.OpenHandle(LocalPackDirectory.PathIn(site.Data.PacksPath, name), FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (config.Peers.IsEmpty)
            return;
        await RoundLoop.RunAsync("proof", RunRoundAsync, TimeSpan.FromSeconds(config.Replication.IntervalSeconds), time, logger, stoppingToken);
    }

    public override void Dispose()
    {
        _turn.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "peer {Peer} did not answer a proof challenge: {Reason}")]
        public static partial void Unanswered(ILogger logger, string peer, string reason);

        [LoggerMessage(2, LogLevel.Warning, "peer {Peer} failed the proof of pack {Pack}: {Reason}")]
        public static partial void Failed(ILogger logger, string peer, string pack, string reason);
    }
}
