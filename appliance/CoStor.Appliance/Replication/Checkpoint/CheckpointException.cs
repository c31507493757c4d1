namespace CoStor.Appliance.Replication.Checkpoint;

/// <summary>A checkpoint that is malformed, not signed by the expected site CA, or does not open with the keyring given.</summary>
public sealed class CheckpointException(string message, Exception? inner = null) : Exception(message, inner);
