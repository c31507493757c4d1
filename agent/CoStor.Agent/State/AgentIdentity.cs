namespace CoStor.Agent.State;

/// <summary>
/// Everything an agent keeps from enrolment (file <c>agent.json</c> in the state directory, mode 0600):
/// where the appliance is, the CA fingerprint it pins, its credential and its keys (base64).
/// </summary>
public sealed record AgentIdentity(
    string ApplianceUrl,
    string Fingerprint,
    string AgentId,
    string Credential,
    string Name,
    string Site,
    string MetadataKey,
    string ChunkerSeed);
