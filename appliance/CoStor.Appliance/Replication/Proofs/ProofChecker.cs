using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Appliance.Replication.Proofs;

/// <summary>
/// The owner's side: compares a holder's answers with answers computed over the owner's own copy of each pack.
/// <c>openOwnPack</c> opens one of this site's sealed packs by name, or gives null.
/// </summary>
public sealed class ProofChecker(Func<string, SafeFileHandle?> openOwnPack)
{
    /// <summary>
    /// One result per challenge item, in order. An answer that is missing, null or not 32 bytes fails; answers
    /// beyond the items are ignored.
    /// </summary>
    public IReadOnlyList<ProofResult> Check(ProofChallenge challenge, IReadOnlyList<byte[]?> answers)
    {
        var results = new ProofResult[challenge.Items.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var item = challenge.Items[i];
            byte[]? expected;
            using (var own = openOwnPack(item.Pack))
                expected = own is null ? null : ProofAnswer.Compute(challenge.Nonce, own, item.Offset, item.Length);
            var answer = i < answers.Count ? answers[i] : null;
            results[i] = expected is null
                ? new ProofResult(item.Pack, ProofOutcome.Unchecked, "this site cannot read its own copy")
                : answer is null
                    ? new ProofResult(item.Pack, ProofOutcome.Failed, "no answer: the holder does not have the range")
                    : answer.Length == expected.Length && CryptographicOperations.FixedTimeEquals(answer, expected)
                        ? new ProofResult(item.Pack, ProofOutcome.Proven, null)
                        : new ProofResult(item.Pack, ProofOutcome.Failed, "the answer does not match this site's copy");
        }
        return results;
    }
}
