using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Fuzz.Targets;

/// <summary>
/// Fuzz target: an upload body (frames without a pack header) read by <see cref="FrameReader"/> both ways the
/// product reads one — whole frames (<see cref="FrameReader.ReadNext"/>, as a restore and an open-pack scan do)
/// and header-then-streamed blob (<see cref="FrameReader.ReadHeaderAsync"/> and
/// <see cref="FrameReader.CopyBlobAsync"/>, as ingest does). Contract: the reader returns false at a clean end or
/// throws <see cref="InvalidFrameException"/>; any other exception is a finding.
/// </summary>
public static class FrameReaderTarget
{
    public const string Name = "frame-reader";

    public static void Run(ReadOnlySpan<byte> input)
    {
        byte[] body = input.ToArray();
        ReadWhole(body, verifyIds: true);
        ReadWhole(body, verifyIds: false);
        Stream(body);
    }

    private static void ReadWhole(byte[] body, bool verifyIds)
    {
        try
        {
            var reader = new FrameReader(new MemoryStream(body, writable: false), BlobLimits.MaxBlobLength, verifyIds);
            while (reader.ReadNext())
            {
            }
        }
        catch (InvalidFrameException)
        {
        }
    }

    private static void Stream(byte[] body)
    {
        try
        {
            var reader = new FrameReader(new MemoryStream(body, writable: false), BlobLimits.MaxBlobLength);
            // A MemoryStream completes synchronously, so these ValueTasks are already finished.
            while (reader.ReadHeaderAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
            {
                reader.CopyBlobAsync(null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (InvalidFrameException)
        {
        }
    }
}
