using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CoStor.Appliance.Replication.Placement;

/// <summary>
/// Which peers hold a pack (docs/replication.md, "Placement"): every peer gets a score
/// <c>first 8 bytes (big-endian) of SHA-256("costor/v1/placement" ‖ pack ‖ 0x00 ‖ peer)</c>, and the pack goes to the
/// <c>copies − 1</c> highest-scoring peers that are not gone. A peer's score for a pack never depends on the other
/// peers, so adding or losing one moves only the packs whose top set changes. Both sides compute this: the owner to
/// answer <c>/peer/v1/assigned</c>, a holder never (it learns its share from the owner).
/// </summary>
public static class RendezvousPlacement
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("costor/v1/placement");

    /// <summary>
    /// The peers (of <paramref name="peerNames"/>, which excludes the owner) that should hold
    /// <paramref name="packName"/>, best first. <paramref name="copies"/> counts the owner, so 1 assigns nobody
    /// and anything at or above the number of sites assigns every peer that is not gone. Ties (a 2^-64 chance)
    /// fall to the ordinal order of the names so the result never depends on the input order.
    /// </summary>
    public static IReadOnlyList<string> Holders(string packName, IReadOnlyList<string> peerNames, int copies, IReadOnlySet<string> gone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(copies, 1);
        if (copies == 1 || peerNames.Count == 0)
            return [];
        var scored = new List<(ulong Score, string Peer)>(peerNames.Count);
        foreach (var peer in peerNames)
        {
            if (!gone.Contains(peer))
                scored.Add((Score(packName, peer), peer));
        }
        scored.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Peer, b.Peer));
        var take = Math.Min(copies - 1, scored.Count);
        var holders = new string[take];
        for (var i = 0; i < take; i++)
            holders[i] = scored[i].Peer;
        return holders;
    }

    /// <summary>A peer's score for a pack; higher wins.</summary>
    public static ulong Score(string packName, string peerName)
    {
        var pack = Encoding.UTF8.GetBytes(packName);
        var peer = Encoding.UTF8.GetBytes(peerName);
        var input = new byte[Domain.Length + pack.Length + 1 + peer.Length];
        Domain.CopyTo(input, 0);
        pack.CopyTo(input, Domain.Length);
        input[Domain.Length + pack.Length] = 0;
        peer.CopyTo(input, Domain.Length + pack.Length + 1);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
