namespace CoStor.Core.Protocol;

/// <summary>Every 4xx/5xx body of the agent API: one human-readable line, and optional details.</summary>
public sealed record ErrorResponse(string Error, IReadOnlyList<string>? Details = null);
