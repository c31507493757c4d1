namespace CoStor.Appliance.Storage;

/// <summary>
/// Repairs a sealed pack that a local read found missing or damaged (the replication engine's self-heal:
/// <c>Replication/Healing/PackSelfHeal</c>). Contract: the damaged file is moved aside, never deleted; true means a
/// verified copy is in place now and the read may be retried once; false leaves things as they were (an open pack,
/// no peer holds it) and the reader reports its original error.
/// </summary>
public interface IPackRepair
{
    bool TryRepair(long packId, string problem);
}
