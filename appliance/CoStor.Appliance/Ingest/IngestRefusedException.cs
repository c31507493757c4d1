namespace CoStor.Appliance.Ingest;

/// <summary>An upload the caller may not make (its message says why); nothing of it was stored.</summary>
public sealed class IngestRefusedException(string message) : Exception(message);
