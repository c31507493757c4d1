using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Fuzz.Targets;

/// <summary>
/// Fuzz target: a file read as a sealed pack (<see cref="PackReader.ReadIndex"/>, then every blob it lists through
/// <see cref="PackReader.ReadBlob"/>, and <see cref="PackReader.ComputePackId"/>) and as an open pack after a crash
/// (<see cref="PackReader.ScanOpen"/>). Contract: <see cref="CorruptPackException"/> or a result; a scan's valid
/// length never exceeds the file. Any other exception is a finding.
/// </summary>
public static class PackReaderTarget
{
    public const string Name = "pack-reader";

    public static void Run(ReadOnlySpan<byte> input)
    {
        var pack = new MemoryStream(input.ToArray(), writable: false);
        try
        {
            foreach (var entry in PackReader.ReadIndex(pack))
            {
                try
                {
                    PackReader.ReadBlob(pack, entry);
                }
                catch (CorruptPackException)
                {
                }
            }

            PackReader.ComputePackId(pack);
        }
        catch (CorruptPackException)
        {
        }

        try
        {
            var scan = PackReader.ScanOpen(pack);
            if (scan.ValidLength > pack.Length)
            {
                throw new InvalidOperationException($"Open-pack scan keeps {scan.ValidLength} bytes of a {pack.Length}-byte file.");
            }
        }
        catch (CorruptPackException)
        {
        }
    }
}
