using CoStor.Appliance.Replication.Proofs;

namespace CoStor.Appliance.Replication.Api;

/// <summary><c>POST /peer/v1/proofs</c>: a 32-byte nonce (base64) and the ranges to hash, over the caller's own packs.</summary>
public sealed record ProofRequest(byte[]? Nonce, IReadOnlyList<ProofItem>? Items)
{
    /// <summary>At most this many items per request; a round asking more sends several.</summary>
    public const int MaxItems = 64;
}
