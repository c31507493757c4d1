namespace CoStor.Appliance.Replication.Proofs;

/// <summary>One range of one pack that a holder must hash: <c>length</c> bytes from <c>offset</c>.</summary>
public sealed record ProofItem(string Pack, long Offset, int Length);
