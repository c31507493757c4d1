using System.Buffers.Binary;
using System.Text;
using CoStor.Appliance.Replication.Checkpoint;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Keys;

namespace CoStor.Appliance.Tests.Replication.Checkpoint;

/// <summary>The signed, encrypted envelope: what opens, what is refused, and what a holder without the keyring learns.</summary>
public class CheckpointCodecTests
{
    private static async Task<(CheckpointSite Site, CheckpointContent Content, byte[] Bytes)> EncodedAsync(long sequence = 7)
    {
        var site = await CheckpointSite.CreateAsync();
        var content = CheckpointBuilder.Build(site.Site.Database, "school", site.Site.Context.Config.Peers, sequence, TestSite.Clock);
        return (site, content, CheckpointCodec.Encode(content, site.Site.Keys.Keyring, site.Site.Authority));
    }

    [Test]
    public async Task A_checkpoint_verifies_and_opens_to_the_content_it_was_made_from()
    {
        var (site, content, bytes) = await EncodedAsync();
        using var _ = site;

        await Assert.That(CheckpointCodec.Verify(bytes, site.Site.Authority.Certificate)).IsEqualTo(7);
        var opened = CheckpointCodec.Open(bytes, site.Site.Authority.Certificate, site.Site.Keys.Keyring);

        await Assert.That(opened.Site).IsEqualTo("school");
        await Assert.That(opened.Sequence).IsEqualTo(7);
        await Assert.That(opened.Agents.Count).IsEqualTo(2);
        await Assert.That(opened.Groups.Single().Name).IsEqualTo("Room 12");
        await Assert.That(opened.Users.Select(u => u.Name).ToArray()).IsEquivalentTo(new[] { "ann", "otto", "rita" });
        await Assert.That(opened.Snapshots.Select(s => s.Id).Order().ToArray()).IsEquivalentTo(site.Snapshots.Order().ToArray());
        await Assert.That(opened.Snapshots.Select(s => s.RecordJson).ToArray()).IsEquivalentTo(content.Snapshots.Select(s => s.RecordJson).ToArray());
        await Assert.That(opened.Snapshots.All(s => s.RecordJson.Contains("\"key\":\"sealed:", StringComparison.Ordinal))).IsTrue();
        await Assert.That(opened.Packs.Count).IsGreaterThan(0);
        await Assert.That(opened.Packs.Sum(p => p.Blobs.Count)).IsEqualTo(content.Packs.Sum(p => p.Blobs.Count));
        await Assert.That(opened.Packs.All(p => p.Blobs.Count == p.BlobCount)).IsTrue();
        var rita = opened.Users.Single(u => u.Name == "rita");
        await Assert.That(rita.AgentGrants.Single()).IsEqualTo(site.Two.Id);
        await Assert.That(rita.GroupGrants.Single()).IsEqualTo(opened.Groups.Single().Id);
        await Assert.That(opened.Users.Single(u => u.Name == "otto").DisabledAt).IsNotNull();
        var two = opened.Agents.Single(a => a.Id == site.Two.Id);
        await Assert.That(two.RevokedAt).IsNotNull();
        await Assert.That(two.Owned.Count).IsGreaterThan(0);
        await Assert.That(opened.Agents.Single(a => a.Id == site.One.Id).ExpectedIntervalMinutes).IsEqualTo(720);
    }

    [Test]
    public async Task A_flipped_byte_anywhere_is_refused()
    {
        var (site, _, bytes) = await EncodedAsync();
        using var _ = site;
        var refused = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;
            try
            {
                CheckpointCodec.Verify(altered, site.Site.Authority.Certificate);
            }
            catch (CheckpointException)
            {
                refused++;
            }
        }
        await Assert.That(refused).IsEqualTo(bytes.Length);
    }

    [Test]
    public async Task Truncated_extended_and_absurd_lengths_are_refused_before_allocating()
    {
        var (site, _, bytes) = await EncodedAsync();
        using var _ = site;
        var ca = site.Site.Authority.Certificate;
        byte[] absurd = [.. bytes];
        BinaryPrimitives.WriteUInt32BigEndian(absurd.AsSpan(16), uint.MaxValue);

        foreach (var candidate in new[] { bytes[..^1], [.. bytes, 0], bytes[..10], [], absurd, "CSTCKPT2"u8.ToArray().Concat(bytes[8..]).ToArray() })
            await Assert.That(() => CheckpointCodec.Verify(candidate, ca)).Throws<CheckpointException>();
    }

    [Test]
    public async Task Another_sites_CA_is_refused()
    {
        var (site, _, bytes) = await EncodedAsync();
        using var _ = site;
        using var scratch = new ScratchDirectory();
        using var other = new TestSite(scratch.Path);

        await Assert.That(() => CheckpointCodec.Verify(bytes, other.Authority.Certificate)).Throws<CheckpointException>();
        await Assert.That(() => CheckpointCodec.Open(bytes, other.Authority.Certificate, site.Site.Keys.Keyring)).Throws<CheckpointException>();
    }

    [Test]
    public async Task The_wrong_keyring_is_refused()
    {
        var (site, _, bytes) = await EncodedAsync();
        using var _ = site;

        await Assert.That(() => CheckpointCodec.Open(bytes, site.Site.Authority.Certificate, SiteKeyring.Create()))
            .Throws<CheckpointException>().WithMessageContaining("keyring");
    }

    [Test]
    public async Task Without_the_keyring_a_holder_learns_only_the_sequence_and_the_size()
    {
        var (site, _, bytes) = await EncodedAsync(sequence: 42);
        using var _ = site;

        await Assert.That(CheckpointCodec.Verify(bytes, site.Site.Authority.Certificate)).IsEqualTo(42);
        await Assert.That(CheckpointCodec.PeekSequence(bytes)).IsEqualTo(42);
        foreach (var secret in new[] { "pc-one", "rita", "Room 12", "pbkdf2", site.One.Id, site.Snapshots[0] })
            await Assert.That(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0).IsTrue().Because(secret);
    }
}
