using System.Security.Cryptography;
using CoStor.Appliance.Replication.Proofs;
using CoStor.Appliance.Tests.Support;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Appliance.Tests.Replication.Proofs;

/// <summary>The owner's copies and a holder's copies as real pack-sized files in two folders.</summary>
public class ProofOfHoldingTests
{
    private const int PackSize = 8 * 1024 * 1024 + 123;

    [Test]
    public async Task An_honest_holder_proves_every_pack()
    {
        using var sites = new Sites(3);
        var challenge = ProofChallenges.Create(sites.Packs, RandomNumberGenerator.Create());

        var results = sites.Checker.Check(challenge, ProofAnswer.ForChallenge(challenge, sites.OpenHeld));

        await Assert.That(results.Count).IsEqualTo(3);
        await Assert.That(results.All(r => r.Outcome == ProofOutcome.Proven)).IsTrue();
        await Assert.That(challenge.Items.All(i => i.Length == ProofChallenge.MaxLength && i.Offset + i.Length <= PackSize)).IsTrue();
    }

    [Test]
    public async Task A_flipped_byte_inside_the_range_fails_only_that_pack()
    {
        using var sites = new Sites(2);
        var challenge = ProofChallenges.Create(sites.Packs, RandomNumberGenerator.Create());
        var damaged = challenge.Items[0];
        sites.FlipHeldByte(damaged.Pack, damaged.Offset + damaged.Length / 2);

        var results = sites.Checker.Check(challenge, ProofAnswer.ForChallenge(challenge, sites.OpenHeld));

        await Assert.That(results[0].Outcome).IsEqualTo(ProofOutcome.Failed);
        await Assert.That(results[0].Failure!).Contains("does not match");
        await Assert.That(results[1].Outcome).IsEqualTo(ProofOutcome.Proven);
    }

    [Test]
    public async Task A_truncated_pack_fails()
    {
        using var sites = new Sites(1);
        var challenge = ProofChallenges.Create(sites.Packs, RandomNumberGenerator.Create());
        sites.TruncateHeld(challenge.Items[0].Pack, challenge.Items[0].Offset + 10);

        var answers = ProofAnswer.ForChallenge(challenge, sites.OpenHeld);

        await Assert.That(answers[0]).IsNull();
        await Assert.That(sites.Checker.Check(challenge, answers)[0].Outcome).IsEqualTo(ProofOutcome.Failed);
    }

    [Test]
    public async Task A_missing_pack_or_a_missing_answer_fails()
    {
        using var sites = new Sites(2);
        var challenge = ProofChallenges.Create(sites.Packs, RandomNumberGenerator.Create());
        File.Delete(sites.HeldPath(challenge.Items[1].Pack));

        var answers = ProofAnswer.ForChallenge(challenge, sites.OpenHeld);
        var results = sites.Checker.Check(challenge, answers);
        await Assert.That(results[0].Outcome).IsEqualTo(ProofOutcome.Proven);
        await Assert.That(results[1].Outcome).IsEqualTo(ProofOutcome.Failed);

        var tooFew = sites.Checker.Check(challenge, [answers[0]]);
        await Assert.That(tooFew[1].Outcome).IsEqualTo(ProofOutcome.Failed);
    }

    [Test]
    public async Task Each_challenge_has_a_fresh_nonce_and_fresh_ranges_so_old_answers_prove_nothing()
    {
        using var sites = new Sites(2);
        var first = ProofChallenges.Create(sites.Packs, RandomNumberGenerator.Create());
        var second = ProofChallenges.Create(sites.Packs, RandomNumberGenerator.Create());

        await Assert.That(first.Nonce.AsSpan().SequenceEqual(second.Nonce)).IsFalse();
        await Assert.That(first.Items.Select(i => i.Offset).SequenceEqual(second.Items.Select(i => i.Offset))).IsFalse();

        // A holder that kept the first round's answers (and dropped the bytes) cannot answer the second.
        var kept = ProofAnswer.ForChallenge(first, sites.OpenHeld);
        var replay = sites.Checker.Check(second, kept);
        await Assert.That(replay.All(r => r.Outcome == ProofOutcome.Failed)).IsTrue();

        // The same range under another nonce hashes differently: nothing to precompute without the bytes.
        var sameRange = new ProofChallenge(second.Nonce, first.Items);
        await Assert.That(sites.Checker.Check(sameRange, kept).All(r => r.Outcome == ProofOutcome.Failed)).IsTrue();
    }

    [Test]
    public async Task A_small_pack_is_asked_for_whole_and_a_malformed_challenge_is_refused()
    {
        var challenge = ProofChallenges.Create([("a", 1000), ("b", 0)], RandomNumberGenerator.Create());
        await Assert.That(challenge.Items).IsEquivalentTo([new ProofItem("a", 0, 1000)]);

        await Assert.That(() => new ProofChallenge(new byte[16], [])).Throws<ArgumentException>();
        await Assert.That(() => new ProofChallenge(new byte[32], [new ProofItem("a", 0, ProofChallenge.MaxLength + 1)])).Throws<ArgumentException>();
        await Assert.That(() => new ProofChallenge(new byte[32], [new ProofItem("a", -1, 10)])).Throws<ArgumentException>();
    }

    /// <summary>An owner folder and a holder folder with identical random packs.</summary>
    private sealed class Sites : IDisposable
    {
        private readonly ScratchDirectory _scratch = new();

        public Sites(int packs)
        {
            Directory.CreateDirectory(Path.Combine(_scratch.Path, "owner"));
            Directory.CreateDirectory(Path.Combine(_scratch.Path, "holder"));
            var list = new List<(string, long)>();
            for (var i = 0; i < packs; i++)
            {
                var name = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                var bytes = RandomNumberGenerator.GetBytes(PackSize);
                File.WriteAllBytes(OwnPath(name), bytes);
                File.WriteAllBytes(HeldPath(name), bytes);
                list.Add((name, PackSize));
            }
            Packs = list;
            Checker = new ProofChecker(name => Open(OwnPath(name)));
        }

        public IReadOnlyList<(string Name, long Size)> Packs { get; }
        public ProofChecker Checker { get; }

        public string HeldPath(string name) => Path.Combine(_scratch.Path, "holder", name);

        public SafeFileHandle? OpenHeld(string name) => Open(HeldPath(name));

        public void FlipHeldByte(string name, long offset)
        {
            using var file = new FileStream(HeldPath(name), FileMode.Open, FileAccess.ReadWrite);
            file.Position = offset;
            var b = file.ReadByte();
            file.Position = offset;
            file.WriteByte((byte)(b ^ 1));
        }

        public void TruncateHeld(string name, long length)
        {
            using var file = new FileStream(HeldPath(name), FileMode.Open, FileAccess.ReadWrite);
            file.SetLength(length);
        }

        public void Dispose() => _scratch.Dispose();

        private string OwnPath(string name) => Path.Combine(_scratch.Path, "owner", name);

        private static SafeFileHandle? Open(string path) =>
            File.Exists(path) ? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;
    }
}
