namespace CoStor.Appliance.Replication.Proofs;

/// <summary>What one item of a challenge showed about a holder.</summary>
public enum ProofOutcome
{
    /// <summary>The answer matches the owner's copy: the holder has those bytes (replica_proofs.proven_at).</summary>
    Proven,

    /// <summary>Missing or wrong answer: recorded against the holder (replica_proofs.failed_at).</summary>
    Failed,

    /// <summary>The owner could not read its own copy; says nothing about the holder and records nothing.</summary>
    Unchecked,
}

/// <summary>One pack's result; <see cref="Failure"/> says why when not proven.</summary>
public sealed record ProofResult(string Pack, ProofOutcome Outcome, string? Failure);
