namespace CoStor.Appliance.Replication.Pulling;

/// <summary>A peer answered, but with something this box refuses (another site's material, a bad signature); the round records it as the peer's error.</summary>
public sealed class PullException(string message) : Exception(message);
