namespace CoStor.Core.Packs;

/// <summary>Receives a streamed blob's bytes, piece by piece (<see cref="FrameReader.CopyBlobAsync"/>).</summary>
public delegate void BlobSink(ReadOnlySpan<byte> bytes);
