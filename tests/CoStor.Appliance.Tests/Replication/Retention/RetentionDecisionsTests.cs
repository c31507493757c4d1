using System.Security.Cryptography;
using CoStor.Appliance.Replication.Retention;
using CoStor.Appliance.Site;
using CoStor.Appliance.Tests.Support;
using CoStor.Appliance.Tls;

namespace CoStor.Appliance.Tests.Replication.Retention;

/// <summary>Decisions signed by a real site CA (derived from a real keyring) and checked as a holder checks them.</summary>
public class RetentionDecisionsTests
{
    private static readonly DateTimeOffset Start = new(2027, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task An_owners_decision_takes_effect_only_once_the_grace_has_passed_on_the_holders_clock()
    {
        using var north = new SiteCa("north");
        var time = new ManualTime(Start);
        var pack = Name();
        var signed = RetentionDecisions.Sign("north", [new RetentionDecision(pack, time.GetUtcNow())], b => north.Authority.Sign(b));

        await Assert.That(signed.Verify("north", north.Authority.Certificate)).IsTrue();
        var decision = signed.Decisions.Single();
        var seen = time.GetUtcNow();
        time.Advance(TimeSpan.FromDays(14) - TimeSpan.FromSeconds(1));
        await Assert.That(RetirementRule.Due(RetirementRule.Start(decision.RetiredAt, seen), time.GetUtcNow(), 14)).IsFalse();
        time.Advance(TimeSpan.FromSeconds(1));
        await Assert.That(RetirementRule.Due(RetirementRule.Start(decision.RetiredAt, seen), time.GetUtcNow(), 14)).IsTrue();
    }

    [Test]
    public async Task Configuring_a_grace_of_three_days_still_waits_fourteen_and_a_longer_one_is_honoured()
    {
        await Assert.That(RetirementRule.Due(Start, Start.AddDays(3), 3)).IsFalse();
        await Assert.That(RetirementRule.Due(Start, Start.AddDays(13.9), 0)).IsFalse();
        await Assert.That(RetirementRule.Due(Start, Start.AddDays(14), 3)).IsTrue();
        await Assert.That(RetirementRule.Due(Start, Start.AddDays(20), 30)).IsFalse();
        await Assert.That(RetirementRule.Due(Start, Start.AddDays(30), 30)).IsTrue();
    }

    [Test]
    public async Task A_back_dated_decision_waits_the_grace_from_when_the_holder_first_saw_it()
    {
        var backDated = Start.AddYears(-5);
        var seen = Start;

        await Assert.That(RetirementRule.Due(RetirementRule.Start(backDated, seen), Start.AddDays(1), 14)).IsFalse();
        await Assert.That(RetirementRule.Due(RetirementRule.Start(backDated, seen), Start.AddDays(14), 14)).IsTrue();
    }

    [Test]
    public async Task A_forged_or_altered_decision_is_refused()
    {
        using var north = new SiteCa("north");
        var pack = Name();
        var signed = RetentionDecisions.Sign("north", [new RetentionDecision(pack, Start), new RetentionDecision(Name(), Start)], b => north.Authority.Sign(b));

        var reordered = signed with { Decisions = [.. signed.Decisions.Reverse()] };
        await Assert.That(reordered.Verify("north", north.Authority.Certificate)).IsTrue(); // order is not meaning

        var added = signed with { Decisions = [.. signed.Decisions, new RetentionDecision(Name(), Start)] };
        var earlier = signed with { Decisions = [signed.Decisions[0] with { RetiredAt = Start.AddDays(-30) }, signed.Decisions[1]] };
        var renamed = signed with { Site = "south" };
        var flipped = signed with { Signature = [.. signed.Signature] };
        flipped.Signature[^1] ^= 1;
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var forged = RetentionDecisions.Sign("north", [new RetentionDecision(pack, Start)], stranger);

        await Assert.That(added.Verify("north", north.Authority.Certificate)).IsFalse();
        await Assert.That(earlier.Verify("north", north.Authority.Certificate)).IsFalse();
        await Assert.That(renamed.Verify("south", north.Authority.Certificate)).IsFalse();
        await Assert.That(flipped.Verify("north", north.Authority.Certificate)).IsFalse();
        await Assert.That(forged.Verify("north", north.Authority.Certificate)).IsFalse();
        await Assert.That((signed with { Signature = [1, 2, 3] }).Verify("north", north.Authority.Certificate)).IsFalse();
    }

    [Test]
    public async Task A_decision_signed_by_another_sites_ca_is_refused()
    {
        using var north = new SiteCa("north");
        using var south = new SiteCa("south");
        var bySouth = RetentionDecisions.Sign("north", [new RetentionDecision(Name(), Start)], b => south.Authority.Sign(b));

        await Assert.That(bySouth.Verify("north", north.Authority.Certificate)).IsFalse();
        await Assert.That(bySouth.Verify("north", south.Authority.Certificate)).IsTrue(); // only as a control
    }

    [Test]
    public async Task The_canonical_encoding_is_stable()
    {
        var bytes = RetentionDecisions.Encode("n", [new RetentionDecision("b", DateTimeOffset.FromUnixTimeMilliseconds(2)), new RetentionDecision("a", DateTimeOffset.FromUnixTimeMilliseconds(1))]);
        await Assert.That(Convert.ToHexStringLower(bytes)).IsEqualTo(
            Convert.ToHexStringLower("costor/v1/retention\0"u8) + "00016e" + "00000002" + "000161" + "0000000000000001" + "000162" + "0000000000000002");
    }

    private static string Name() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A site's real CA: keyring created by the site initializer, CA key derived from it.</summary>
    private sealed class SiteCa : IDisposable
    {
        private readonly ScratchDirectory _scratch = new();

        public SiteCa(string site)
        {
            var data = new DataDirectory(_scratch.Path);
            var time = new ManualTime(Start);
            SiteInitializer.Create(data, site, time);
            Authority = CertificateAuthority.LoadOrCreate(data, SiteKeys.Open(data), time);
        }

        public CertificateAuthority Authority { get; }

        public void Dispose()
        {
            Authority.Dispose();
            _scratch.Dispose();
        }
    }
}
