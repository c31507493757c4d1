using CoStor.Core.Blobs;
using CoStor.Core.Chunking;
using CoStor.Core.Keys;

namespace CoStor.Core.Tests.Keys;

/// <summary>Known answers computed independently (Python hmac/hashlib HKDF) for M = 00 01 … 1f.</summary>
public class SiteKeyringTests
{
    private static readonly SiteKeyring Keyring = SiteKeyring.FromMaster(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());

    [Test]
    public async Task Derivations_match_known_answers()
    {
        await Assert.That(Convert.ToHexStringLower(Keyring.ConvergenceKey)).IsEqualTo("714d374f8e4a43892ffe87234610a229f52aec9117d85936817bb313a5392f8a");
        await Assert.That(Convert.ToHexStringLower(Keyring.ChunkerSeed)).IsEqualTo("a17184a769478c3a12621f62bd4cd7aa54abf1ac496cc0f03c41d2273aafbb64");
        await Assert.That(Convert.ToHexStringLower(Keyring.CaSeed)).IsEqualTo("4713aeb26004fe4671bbf3e1be5dfd508a85fbe65a6915554ce46dd8698ef5da");
        await Assert.That(Convert.ToHexStringLower(Keyring.MetadataKey("agent-1"))).IsEqualTo("bcb4366a844f94a938e038e14d4f07342bc4dfe390bc85ca400447aff9bb4283");
    }

    [Test]
    public async Task Gear_table_matches_known_answers()
    {
        var gear = GearTable.FromSeed(Keyring.ChunkerSeed);
        await Assert.That(gear.Values[0]).IsEqualTo(10046241232475192863UL);
        await Assert.That(gear.Values[255]).IsEqualTo(5195854865111929064UL);
    }

    [Test]
    public async Task Convergent_key_matches_known_answer()
    {
        Span<byte> hash = stackalloc byte[32];
        ConvergentKey.HashPayload([0, .. "hello"u8], hash);
        var key = ConvergentKey.Derive(Enumerable.Repeat((byte)7, 32).ToArray(), hash);
        await Assert.That(key.ToString()).IsEqualTo("5b786dc2fb3f8119e425c9f3f7f9c80d8b0737418b99778b5dcc0310293f718f");
    }

    [Test]
    public async Task Created_keyrings_differ_and_agents_get_distinct_keys()
    {
        var a = SiteKeyring.Create();
        var b = SiteKeyring.Create();
        await Assert.That(a.Master.SequenceEqual(b.Master)).IsFalse();
        await Assert.That(a.MetadataKey("x").SequenceEqual(a.MetadataKey("y"))).IsFalse();
        await Assert.That(() => SiteKeyring.FromMaster(new byte[31])).Throws<ArgumentException>();
    }
}
