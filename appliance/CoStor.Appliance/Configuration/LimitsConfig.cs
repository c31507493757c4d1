namespace CoStor.Appliance.Configuration;

/// <summary><c>[limits]</c>: per-agent rate limits and upload parallelism.</summary>
/// <param name="KeyRequestsPerMinute">Chunk keys one agent may obtain per minute (token-bucket refill rate).</param>
/// <param name="KeyBurst">Token-bucket size for chunk-key requests (a first full backup draws on it); at least one full request.</param>
/// <param name="KeyRequestsPerDay">Chunk keys one agent may obtain in any 24 hours: the bound on guesses a stolen credential can test.</param>
/// <param name="MaxUploadConcurrency">Uploads the appliance accepts at once, across all agents.</param>
/// <param name="MaxUploadsPerAgent">Uploads one agent may have running at once (more get 429), so no agent holds every slot.</param>
/// <param name="MaxConnections">Open connections the appliance accepts at once.</param>
/// <param name="EnrolAttemptsPerMinute">Enrolment attempts one network address may make per minute (token bucket of the same size).</param>
/// <param name="SealIdleSeconds">
/// An open pack that holds blobs and has had no upload for this long is sealed, so the end of a backup reaches the
/// peers (only sealed packs replicate) without waiting for the pack to fill.
/// </param>
public sealed record LimitsConfig(int KeyRequestsPerMinute, int KeyBurst, int KeyRequestsPerDay, int MaxUploadConcurrency,
    int MaxUploadsPerAgent, int MaxConnections, int EnrolAttemptsPerMinute, int SealIdleSeconds = 300)
{
    public static LimitsConfig Default { get; } = new(KeyRequestsPerMinute: 60_000, KeyBurst: 200_000, KeyRequestsPerDay: 5_000_000,
        MaxUploadConcurrency: 32, MaxUploadsPerAgent: 4, MaxConnections: 1024, EnrolAttemptsPerMinute: 30);
}
