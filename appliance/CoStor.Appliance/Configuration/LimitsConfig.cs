namespace CoStor.Appliance.Configuration;

/// <summary><c>[limits]</c>: per-agent rate limits and upload parallelism.</summary>
/// <param name="KeyRequestsPerMinute">Chunk keys one agent may obtain per minute (token-bucket refill rate).</param>
/// <param name="KeyBurst">Token-bucket size for chunk-key requests (a first full backup draws on it); at least one full request.</param>
/// <param name="KeyRequestsPerDay">Chunk keys one agent may obtain in any 24 hours: the bound on guesses a stolen credential can test.</param>
/// <param name="MaxUploadConcurrency">Uploads the appliance accepts at once, across all agents.</param>
public sealed record LimitsConfig(int KeyRequestsPerMinute, int KeyBurst, int KeyRequestsPerDay, int MaxUploadConcurrency)
{
    public static LimitsConfig Default { get; } = new(KeyRequestsPerMinute: 60_000, KeyBurst: 200_000, KeyRequestsPerDay: 5_000_000, MaxUploadConcurrency: 32);
}
