using System.Buffers.Binary;
using System.Security.Cryptography;
using CoStor.Core.Errors;
using CoStor.Core.Packs;

namespace CoStor.Fuzz.Targets;

/// <summary>
/// Fuzz target: a file read as a sealed pack (<see cref="PackReader.ReadIndex"/>, then every blob it lists through
/// <see cref="PackReader.ReadBlob"/>, and <see cref="PackReader.ComputePackId"/>) and as an open pack after a crash
/// (<see cref="PackReader.ScanOpen"/>). Contract: <see cref="CorruptPackException"/> or a result; a scan's valid
/// length never exceeds the file. Any other exception is a finding.
/// The sealed-pack read runs twice: on the input as it is, and with the trailer's index hash recomputed, so that
/// mutated indexes get past the hash check (which a fuzzer cannot solve) into the entry checks behind it.
/// </summary>
public static class PackReaderTarget
{
    public const string Name = "pack-reader";

    public static void Run(ReadOnlySpan<byte> input)
    {
        var bytes = input.ToArray();
        var pack = new MemoryStream(bytes, writable: false);
        ReadSealed(pack);
        if (WithIndexHashFixed(bytes) is { } fixedUp)
        {
            ReadSealed(new MemoryStream(fixedUp, writable: false));
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

    private static void ReadSealed(MemoryStream pack)
    {
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
    }

    /// <summary>A copy whose trailer hash matches the index its trailer points at, or null when it points nowhere.</summary>
    private static byte[]? WithIndexHashFixed(byte[] bytes)
    {
        int trailer = bytes.Length - PackFormat.TrailerLength;
        if (trailer < PackFormat.HeaderLength)
        {
            return null;
        }

        uint indexLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(trailer));
        if (indexLength > (uint)(trailer - PackFormat.HeaderLength))
        {
            return null;
        }

        var copy = (byte[])bytes.Clone();
        SHA256.HashData(copy.AsSpan(trailer - (int)indexLength, (int)indexLength), copy.AsSpan(trailer + 4, 32));
        return copy.AsSpan().SequenceEqual(bytes) ? null : copy;
    }
}
