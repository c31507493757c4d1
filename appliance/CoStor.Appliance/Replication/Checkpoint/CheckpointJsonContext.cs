using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>Source-generated JSON for the checkpoint's content (native AOT: no reflection). Byte arrays are base64.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(CheckpointContent))]
public sealed partial class CheckpointJsonContext : JsonSerializerContext;
