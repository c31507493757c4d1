namespace CoStor.Appliance.Catalogue;

/// <summary>A named group of agents ("Room 12", "Staff laptops") and how many agents are in it.</summary>
public sealed record AgentGroup(long Id, string Name, int Agents);
