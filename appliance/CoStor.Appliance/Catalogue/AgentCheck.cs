namespace CoStor.Appliance.Catalogue;

/// <summary>What checking an agent's credential found: the agent, or why it may not call.</summary>
public sealed record AgentCheck(AgentRecord? Agent, string? Refusal)
{
    public static AgentCheck Unknown { get; } = new(null, "unknown agent or wrong credential");
}
