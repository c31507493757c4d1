using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CoStor.Appliance.Replication.Proofs;

/// <summary>The owner's side: fresh challenges over the packs it asks one holder about.</summary>
public static class ProofChallenges
{
    /// <summary>
    /// A challenge with a fresh nonce and, per pack, a uniformly random range of
    /// <c>min(size, <see cref="ProofChallenge.MaxLength"/>)</c> bytes inside it. Empty packs are skipped (a sealed
    /// pack never is). Which packs to ask about (every unproved one plus a sample) is the caller's choice.
    /// </summary>
    public static ProofChallenge Create(IReadOnlyList<(string Name, long Size)> packs, RandomNumberGenerator random)
    {
        var nonce = new byte[ProofChallenge.NonceLength];
        random.GetBytes(nonce);
        var items = new List<ProofItem>(packs.Count);
        foreach (var (name, size) in packs)
        {
            if (size <= 0)
                continue;
            var length = (int)Math.Min(size, ProofChallenge.MaxLength);
            items.Add(new ProofItem(name, (long)Below(random, (ulong)(size - length) + 1), length));
        }
        return new ProofChallenge(nonce, items);
    }

    /// <summary>A uniform value in [0, <paramref name="bound"/>), by rejection so no offset is favoured.</summary>
    private static ulong Below(RandomNumberGenerator random, ulong bound)
    {
        if (bound <= 1)
            return 0;
        var limit = ulong.MaxValue - (ulong.MaxValue % bound) - 1; // values above it would bias small offsets
        Span<byte> bytes = stackalloc byte[8];
        while (true)
        {
            random.GetBytes(bytes);
            var value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            if (value <= limit)
                return value % bound;
        }
    }
}
