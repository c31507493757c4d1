namespace CoStor.Appliance.Catalogue;

public sealed record AgentRecord(string Id, string Name, string Host);
