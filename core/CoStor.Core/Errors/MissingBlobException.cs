namespace CoStor.Core.Errors;

/// <summary>A blob a tree names is not held where it is read from (not indexed, or its pack is gone).</summary>
public sealed class MissingBlobException(string message) : CoStorException(message);
