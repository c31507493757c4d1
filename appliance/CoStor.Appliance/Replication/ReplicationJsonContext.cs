using System.Text.Json;
using System.Text.Json.Serialization;
using CoStor.Appliance.Replication.Api;

namespace CoStor.Appliance.Replication;

/// <summary>Source-generated JSON for the peer API (<c>/peer/v1</c>, docs/replication.md); camelCase like the agent API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(PeerHello))]
[JsonSerializable(typeof(AssignedPage))]
[JsonSerializable(typeof(HeldPacks))]
[JsonSerializable(typeof(PeerKeyring))]
[JsonSerializable(typeof(RetiredList))]
[JsonSerializable(typeof(ProofRequest))]
[JsonSerializable(typeof(ProofReply))]
public sealed partial class ReplicationJsonContext : JsonSerializerContext
{
}
