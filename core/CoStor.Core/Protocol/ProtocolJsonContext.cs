using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoStor.Core.Protocol;

/// <summary>Source-generated JSON for every wire type (native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
// Query parameters the OpenAPI document describes (GET /api/v1/snapshots?after=&limit=).
[JsonSerializable(typeof(int?))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(EnrolRequest))]
[JsonSerializable(typeof(EnrolResponse))]
[JsonSerializable(typeof(SessionResponse))]
[JsonSerializable(typeof(UploadResult))]
[JsonSerializable(typeof(CommitRequest))]
[JsonSerializable(typeof(SnapshotRecord))]
[JsonSerializable(typeof(IReadOnlyList<SnapshotRecord>))]
[JsonSerializable(typeof(ErrorResponse))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
