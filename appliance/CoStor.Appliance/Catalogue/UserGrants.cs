namespace CoStor.Appliance.Catalogue;

/// <summary>What a restorer was granted: agents by id and groups by name, each sorted.</summary>
public sealed record UserGrants(IReadOnlyList<string> AgentIds, IReadOnlyList<string> Groups);
