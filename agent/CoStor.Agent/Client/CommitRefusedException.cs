using CoStor.Agent.State;

namespace CoStor.Agent.Client;

/// <summary>
/// The appliance refused a snapshot because it does not hold, for this agent, every blob the snapshot
/// references — e.g. the agent's record of acknowledged blobs is stale (the appliance was rebuilt).
/// </summary>
public sealed class CommitRefusedException(string message) : AgentException(message);
