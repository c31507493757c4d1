namespace CoStor.Core.Protocol;

/// <summary>
/// Reply to an upload batch. Every blob counted here is durable: the reply is sent only after the pack
/// holding it was fsynced and its index rows committed. <see cref="Stored"/> counts blobs new to the
/// appliance, <see cref="Known"/> those it already held (a repeat is a no-op).
/// </summary>
public sealed record UploadResult(int Received, int Stored, int Known, long Bytes);
