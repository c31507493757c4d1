using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CoStor.Core.Chunking;

/// <summary>
/// FastCDC with normalised chunking, level 2 (docs/design.md, "Chunking"). For a chunk starting at data[0]:
/// h starts at 0; for i = Min, Min+1, … below Max, h = (h &lt;&lt; 1) + gear[data[i]], and the chunk ends after
/// byte i (length i + 1) when (h &amp; mask) == 0, with mask = mask_s while i &lt; Average and mask_l after.
/// Without a cut the chunk is Max bytes long; at end of input the rest is the last chunk.
/// A cut depends only on the bytes before it, so results do not depend on how input is buffered.
/// Stateless after construction and safe to share between threads.
/// </summary>
public sealed class FastCdc
{
    /// <summary>Normalisation level: mask_s has log2(Average) + 2 bits, mask_l log2(Average) − 2.</summary>
    public const int NormalizationLevel = 2;

    private readonly ulong[] _gear;
    private readonly int _min;
    private readonly int _average;
    private readonly int _max;

    public FastCdc(GearTable gear, ChunkerParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(gear);
        ArgumentNullException.ThrowIfNull(parameters);
        parameters.Validate();
        _gear = gear.Array;
        Parameters = parameters;
        (_min, _average, _max) = parameters;
        MaskS = Mask(parameters.AverageBits + NormalizationLevel);
        MaskL = Mask(parameters.AverageBits - NormalizationLevel);
    }

    public ChunkerParameters Parameters { get; }

    /// <summary>Mask used before the average size (more bits: cuts are rarer).</summary>
    public ulong MaskS { get; }

    /// <summary>Mask used from the average size on (fewer bits: cuts are likelier).</summary>
    public ulong MaskL { get; }

    /// <summary>
    /// A mask of <paramref name="bits"/> ones at positions 63 − ⌊48·i/bits⌋, i = 0 … bits−1: spread over the
    /// top 48 bits as in the FastCDC paper, so each cut decision depends on a window of 16–64 bytes rather
    /// than on the last few bytes (bit k of h depends only on the last k + 1 bytes).
    /// </summary>
    public static ulong Mask(int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 48);
        ulong mask = 0;
        for (int i = 0; i < bits; i++)
        {
            mask |= 1UL << (63 - (48 * i / bits));
        }

        return mask;
    }

    /// <summary>
    /// Length of the chunk starting at data[0]. Returns -1 when more data is needed: not
    /// <paramref name="final"/> and no cut among fewer than Max available bytes. When final, the remaining
    /// bytes are the last chunk (0 for empty input: an empty file has no chunks).
    /// </summary>
    public int NextCut(ReadOnlySpan<byte> data, bool final)
    {
        int n = data.Length;
        if (n <= _min)
        {
            return final ? n : -1;
        }

        int limit = Math.Min(n, _max);
        ref byte src = ref MemoryMarshal.GetReference(data);
        ref ulong gear = ref MemoryMarshal.GetArrayDataReference(_gear);
        ulong h = 0;

        int cut = Scan(ref src, ref gear, _min, Math.Min(_average, limit), MaskS, ref h);
        if (cut < 0 && limit > _average)
        {
            cut = Scan(ref src, ref gear, _average, limit, MaskL, ref h);
        }

        if (cut >= 0)
        {
            return cut;
        }

        return limit == _max ? _max : final ? n : -1;
    }

    /// <summary>Gear-hashes bytes [start, end); returns the chunk length at the first cut, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Scan(ref byte src, ref ulong gear, int start, int end, ulong mask, ref ulong hash)
    {
        // The hash is one serial dependency chain; unrolling removes loop overhead and bounds checks are
        // avoided with refs (gear has 256 entries, so any byte indexes it safely; end ≤ data.Length).
        ulong h = hash;
        int i = start;
        for (; i + 4 <= end; i += 4)
        {
            h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref src, i));
            if ((h & mask) == 0) return i + 1;
            h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref src, i + 1));
            if ((h & mask) == 0) return i + 2;
            h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref src, i + 2));
            if ((h & mask) == 0) return i + 3;
            h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref src, i + 3));
            if ((h & mask) == 0) return i + 4;
        }

        for (; i < end; i++)
        {
            h = (h << 1) + Unsafe.Add(ref gear, Unsafe.Add(ref src, i));
            if ((h & mask) == 0) return i + 1;
        }

        hash = h;
        return -1;
    }
}
