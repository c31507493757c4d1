namespace CoStor.Appliance.Catalogue;

/// <summary>Either a new agent's id and credential, or the reason the token was refused.</summary>
public sealed record EnrolOutcome(string? AgentId, string? Credential, string? Error)
{
    public static EnrolOutcome Enrolled(string agentId, string credential) => new(agentId, credential, null);
    public static EnrolOutcome Refused(string error) => new(null, null, error);
}
