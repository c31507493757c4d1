namespace CoStor.Agent.Restore;

/// <summary>One file chunk from <see cref="ChunkPipeline"/>: its plain bytes, or why they could not be read (<paramref name="Error"/> not null).</summary>
public readonly record struct DecodedChunk(ReadOnlyMemory<byte> Plain, string? Error);
