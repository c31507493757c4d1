using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoStor.Agent.State;

/// <summary>Source-generated JSON for the agent's own files (native AOT).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(AgentIdentity))]
public sealed partial class AgentJsonContext : JsonSerializerContext;
