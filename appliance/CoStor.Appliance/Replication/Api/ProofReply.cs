namespace CoStor.Appliance.Replication.Api;

/// <summary>The holder's answers, in item order: <c>SHA-256(nonce ‖ bytes)</c> (base64), null for a pack not held or a range not covered.</summary>
public sealed record ProofReply(IReadOnlyList<byte[]?> Hashes);
