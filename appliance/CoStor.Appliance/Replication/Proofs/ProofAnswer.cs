using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Appliance.Replication.Proofs;

/// <summary>
/// <c>SHA-256(nonce ‖ bytes[offset, offset + length))</c>: what a holder answers and what the owner computes over
/// its own copy. The nonce is fresh each round, so an answer cannot be computed ahead of time or kept instead of
/// the bytes.
/// </summary>
public static class ProofAnswer
{
    /// <summary>The answer for one range, or null when the file does not hold the whole range (truncated).</summary>
    public static byte[]? Compute(ReadOnlySpan<byte> nonce, SafeFileHandle pack, long offset, int length)
    {
        if (length is < 1 or > ProofChallenge.MaxLength || offset < 0)
            throw new ArgumentOutOfRangeException(nameof(length), $"proof range {offset}+{length} is out of bounds");
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(pack, buffer.AsSpan(read, length - read), offset + read);
                if (n == 0)
                    return null;
                read += n;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(nonce);
            hash.AppendData(buffer.AsSpan(0, length));
            return hash.GetHashAndReset();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The holder's answers to a whole challenge, in item order: null for a pack it does not hold or cannot cover.
    /// <paramref name="open"/> opens a held pack of the asking site, or gives null.
    /// </summary>
    public static IReadOnlyList<byte[]?> ForChallenge(ProofChallenge challenge, Func<string, SafeFileHandle?> open)
    {
        var answers = new byte[]?[challenge.Items.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            var item = challenge.Items[i];
            using var pack = open(item.Pack);
            answers[i] = pack is null ? null : Compute(challenge.Nonce, pack, item.Offset, item.Length);
        }
        return answers;
    }
}
