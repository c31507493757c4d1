using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoStor.Appliance.Replication;

/// <summary>Source-generated JSON for the peer API (<c>/peer/v1</c>, docs/replication.md); camelCase like the agent API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(PeerHello))]
internal sealed partial class ReplicationJsonContext : JsonSerializerContext
{
}
