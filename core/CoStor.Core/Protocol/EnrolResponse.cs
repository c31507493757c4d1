namespace CoStor.Core.Protocol;

/// <summary>
/// What an agent receives once, at enrolment. <see cref="Credential"/> authenticates every later call
/// (<c>Authorization: Bearer {AgentId}.{Credential}</c>); the appliance keeps only its hash.
/// <see cref="MetadataKey"/> keys this agent's trees; <see cref="ChunkerSeed"/> makes chunk boundaries
/// site-specific. Both are base64.
/// </summary>
public sealed record EnrolResponse(string AgentId, string Credential, string Site, string MetadataKey, string ChunkerSeed);
