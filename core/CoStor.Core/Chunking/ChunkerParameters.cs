using System.Numerics;

namespace CoStor.Core.Chunking;

/// <summary>
/// Chunk size bounds in bytes. <see cref="Default"/> is the format (docs/design.md, "Chunking"); other values
/// exist for tests. Average must be a power of two: the cut masks have log2(Average) ± 2 bits.
/// Checked at construction and again by <see cref="FastCdc"/> (a <c>with</c> expression skips the constructor).
/// </summary>
public sealed record ChunkerParameters(int Min, int Average, int Max)
{
    public static ChunkerParameters Default { get; } = new(256 * 1024, 1024 * 1024, 4 * 1024 * 1024);

    public int Min { get; init; } = Check(Min, Average, Max);

    /// <summary>log2(Average): the normal bit count; mask_s has two more bits, mask_l two fewer.</summary>
    public int AverageBits => BitOperations.Log2((uint)Average);

    /// <summary>Throws <see cref="ArgumentException"/> unless 64 ≤ Min &lt; Average &lt; Max and Average is a power of two.</summary>
    public void Validate() => Check(Min, Average, Max);

    private static int Check(int min, int average, int max)
    {
        if (min < 64 || !(min < average && average < max))
        {
            throw new ArgumentException($"Chunker sizes must satisfy 64 <= Min < Average < Max; got {min}/{average}/{max}.");
        }

        // mask_s (log2(Average) + 2 bits) must fit in the 48 bits the masks are spread over.
        if (!BitOperations.IsPow2(average) || average < 256 || BitOperations.Log2((uint)average) + 2 > 48)
        {
            throw new ArgumentException($"Chunker Average must be a power of two from 256 to 2^46; got {average}.");
        }

        return min;
    }
}
