using CoStor.Appliance.Replication.Holding;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Appliance.Tests.Storage;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Replication.Holding;

/// <summary>A peer's packs held here: resumable verified pulls, plus the whole pack-store contract.</summary>
[InheritsTests]
public class PeerPackStoreTests : PackStoreConformance
{
    protected override IPackStore Open(string root) => new PeerPackStore(root);

    [Test]
    public async Task A_pull_resumed_across_a_restart_is_accepted_and_held_at_the_documented_path()
    {
        using var scratch = new ScratchDirectory();
        var data = new DataDirectory(scratch.Path);
        var (id, bytes) = Pack(4);
        var name = id.ToString();
        var store = PeerPackStore.For(data, "south");
        await store.AppendAsync(name, new MemoryStream(bytes[..1000]), 0, CancellationToken.None);

        var reopened = PeerPackStore.For(data, "south");
        await Assert.That(reopened.ResumeOffset(name)).IsEqualTo(1000);
        await Assert.That(File.Exists(Path.Combine(scratch.Path, "peers", "south", "incoming", name + ".part"))).IsTrue();
        await reopened.AppendAsync(name, new MemoryStream(bytes[1000..]), 1000, CancellationToken.None);
        var outcome = reopened.Complete(name, bytes.Length);

        await Assert.That(outcome.Accepted).IsTrue();
        await Assert.That(reopened.ResumeOffset(name)).IsEqualTo(0);
        await Assert.That(File.ReadAllBytes(Path.Combine(scratch.Path, "peers", "south", "packs", name[..2], name + ".pack")).AsSpan().SequenceEqual(bytes)).IsTrue();
        await Assert.That(reopened.Held().ToList()).IsEquivalentTo([(name, (long)bytes.Length)]);
    }

    [Test]
    public async Task A_pull_in_progress_is_neither_held_nor_listed_nor_readable()
    {
        using var scratch = new ScratchDirectory();
        var store = new PeerPackStore(scratch.Path);
        var (id, bytes) = Pack(2);
        var name = id.ToString();
        await store.AppendAsync(name, new MemoryStream(bytes[..^1]), 0, CancellationToken.None);

        await Assert.That(store.Holds(name)).IsFalse();
        await Assert.That(store.Held().ToList()).IsEmpty();
        await Assert.That(store.OpenRead(name)).IsNull();
    }

    [Test]
    public async Task An_append_at_the_wrong_offset_writes_nothing()
    {
        using var scratch = new ScratchDirectory();
        var store = new PeerPackStore(scratch.Path);
        var (id, bytes) = Pack(2);
        var name = id.ToString();
        await store.AppendAsync(name, new MemoryStream(bytes[..100]), 0, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(name, new MemoryStream(bytes[50..]), 50, CancellationToken.None));
        await Assert.That(store.ResumeOffset(name)).IsEqualTo(100);
    }

    [Test]
    public async Task A_wrong_size_or_corrupt_pull_is_refused_and_its_part_deleted()
    {
        using var scratch = new ScratchDirectory();
        var store = new PeerPackStore(scratch.Path);
        var (id, bytes) = Pack(3);
        var name = id.ToString();

        await store.AppendAsync(name, new MemoryStream(bytes), 0, CancellationToken.None);
        var wrongSize = store.Complete(name, bytes.Length + 1);
        await Assert.That(wrongSize.Accepted).IsFalse();
        await Assert.That(wrongSize.Refusal!).Contains("expected");
        await Assert.That(store.ResumeOffset(name)).IsEqualTo(0);

        var flipped = (byte[])bytes.Clone();
        flipped[200] ^= 1;
        await store.AppendAsync(name, new MemoryStream(flipped), 0, CancellationToken.None);
        var corrupt = store.Complete(name, bytes.Length);
        await Assert.That(corrupt.Accepted).IsFalse();
        await Assert.That(store.ResumeOffset(name)).IsEqualTo(0);
        await Assert.That(store.Holds(name)).IsFalse();

        await Assert.That(store.Complete(name, bytes.Length).Accepted).IsFalse(); // nothing received
    }

    [Test]
    public async Task A_held_pack_reads_back_through_its_handle_and_retiring_removes_it()
    {
        using var scratch = new ScratchDirectory();
        var store = new PeerPackStore(scratch.Path);
        var (id, bytes) = Pack(2);
        var name = id.ToString();
        await store.AppendAsync(name, new MemoryStream(bytes), 0, CancellationToken.None);
        await Assert.That(store.Complete(name, bytes.Length).Accepted).IsTrue();

        using (var handle = store.OpenRead(name)!)
        {
            var read = new byte[bytes.Length];
            await Assert.That(RandomAccess.Read(handle, read, 0)).IsEqualTo(bytes.Length);
            await Assert.That(read.AsSpan().SequenceEqual(bytes)).IsTrue();
        }
        store.Retire(name);
        await Assert.That(store.Holds(name)).IsFalse();
        await Assert.That(new PeerPackStore(scratch.Path).Held().ToList()).IsEmpty();
    }

    [Test]
    public async Task Names_that_are_not_lowercase_pack_names_never_reach_a_path()
    {
        using var scratch = new ScratchDirectory();
        var store = new PeerPackStore(scratch.Path);
        var upper = Pack(1).Name.ToString().ToUpperInvariant();

        await Assert.That(() => store.ResumeOffset("../../catalogue.db")).Throws<ArgumentException>();
        await Assert.That(() => store.Holds(upper)).Throws<ArgumentException>();
        await Assert.That(() => new DataDirectory(scratch.Path).PeerPath("../north")).Throws<ArgumentException>();
    }
}
