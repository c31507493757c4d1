namespace CoStor.Core.Protocol;

/// <summary>A blob id and its key, both lowercase hex, as they travel in JSON.</summary>
public sealed record BlobRefDto(string Id, string Key);
