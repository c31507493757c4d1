using System.Security.Cryptography;
using CoStor.Appliance.Commit;
using CoStor.Appliance.Tests.Support;
using CoStor.Core.Blobs;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Tests.Commit;

/// <summary>The commit service on a real site, without HTTP.</summary>
public class SnapshotCommitterTests
{
    [Test]
    public async Task A_snapshot_of_the_agents_own_blobs_is_committed_and_the_same_commit_again_returns_it()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var chunk = RandomNumberGenerator.GetBytes(3000);
        await site.UploadAsync(agent, BlobType.Data, chunk);
        var root = await UploadTreeAsync(site, agent, chunk);
        var request = Request(site.Sessions.Start(agent).Id, root);

        var first = await site.Committer.CommitAsync(site.Record(agent), request, CancellationToken.None);
        var again = await site.Committer.CommitAsync(site.Record(agent), request, CancellationToken.None);
        var otherRoot = await site.Committer.CommitAsync(site.Record(agent), request with { Root = new BlobRefDto(new string('a', 64), new string('b', 64)) }, CancellationToken.None);

        await Assert.That(first.Status).IsEqualTo(CommitStatus.Committed);
        await Assert.That(first.Snapshot!.Status).IsEqualTo(SnapshotRecord.Complete);
        await Assert.That(again.Status).IsEqualTo(CommitStatus.Repeated);
        await Assert.That(again.Snapshot!.Id).IsEqualTo(first.Snapshot.Id);
        await Assert.That(otherRoot.Status).IsEqualTo(CommitStatus.Conflict);
    }

    /// <summary>A chunk only another PC uploaded is "missing" in the same words as one nobody holds: no oracle.</summary>
    [Test]
    public async Task A_chunk_another_agent_holds_is_refused_exactly_like_a_chunk_nobody_holds()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var (alice, bob) = (site.Agent("alice"), site.Agent("bob"));
        var alices = RandomNumberGenerator.GetBytes(3000);
        var nobodys = RandomNumberGenerator.GetBytes(3000);
        await site.UploadAsync(alice, BlobType.Data, alices);

        var held = await site.Committer.CommitAsync(site.Record(bob), Request(site.Sessions.Start(bob).Id, await UploadTreeAsync(site, bob, alices)), CancellationToken.None);
        var absent = await site.Committer.CommitAsync(site.Record(bob), Request(site.Sessions.Start(bob).Id, await UploadTreeAsync(site, bob, nobodys)), CancellationToken.None);

        await Assert.That(held.Status).IsEqualTo(CommitStatus.Refused);
        await Assert.That(absent.Status).IsEqualTo(CommitStatus.Refused);
        await Assert.That(held.Error).IsEqualTo(absent.Error);
        await Assert.That(held.Problems.ToArray()).IsEquivalentTo([$"data blob {BlobId.Compute(alices)} is missing"]);
        await Assert.That(absent.Problems.ToArray()).IsEquivalentTo([$"data blob {BlobId.Compute(nobodys)} is missing"]);
    }

    [Test]
    public async Task Another_agents_session_is_unknown_and_a_malformed_request_is_invalid()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var (alice, bob) = (site.Agent("alice"), site.Agent("bob"));
        var root = await UploadTreeAsync(site, bob);
        var alicesSession = site.Sessions.Start(alice).Id;

        var foreign = await site.Committer.CommitAsync(site.Record(bob), Request(alicesSession, root), CancellationToken.None);
        var unknown = await site.Committer.CommitAsync(site.Record(bob), Request("nosuchsession", root), CancellationToken.None);
        var malformed = await site.Committer.CommitAsync(site.Record(bob), Request(site.Sessions.Start(bob).Id, root) with { Paths = [] }, CancellationToken.None);

        await Assert.That(foreign.Status).IsEqualTo(CommitStatus.UnknownSession);
        await Assert.That(foreign.Error).IsEqualTo($"session {alicesSession} does not exist for this agent");
        await Assert.That(unknown.Status).IsEqualTo(CommitStatus.UnknownSession);
        await Assert.That(malformed.Status).IsEqualTo(CommitStatus.Invalid);
        await Assert.That(malformed.Error).Contains("paths");
    }

    /// <summary>
    /// A hostile snapshot whose trees share subtrees — a chain of 40 trees, each naming the next twice, 2^40 paths —
    /// commits promptly: each distinct tree is visited once.
    /// </summary>
    [Test]
    public async Task A_chain_of_trees_each_naming_the_next_twice_is_walked_once_per_tree()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var chunk = RandomNumberGenerator.GetBytes(1000);
        await site.UploadAsync(agent, BlobType.Data, chunk);
        var tree = await UploadTreeAsync(site, agent, chunk);
        for (var level = 0; level < 40; level++)
        {
            TreeNode Directory(string name) => new() { Name = System.Text.Encoding.UTF8.GetBytes(name), Type = NodeType.Directory, Mode = 0x1ed, Subtree = tree };
            var sealedTree = BlobSealer.Seal(TreeCodec.Encode([Directory("a"), Directory("b")]), site.Keys.Keyring.MetadataKey(agent));
            await site.UploadAsync(agent, BlobType.Tree, sealedTree.Blob);
            tree = sealedTree.Ref;
        }

        var outcome = await site.Committer.CommitAsync(site.Record(agent), Request(site.Sessions.Start(agent).Id, tree), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));

        await Assert.That(outcome.Status).IsEqualTo(CommitStatus.Committed);
    }

    /// <summary>Seals and uploads a one-file tree over <paramref name="chunks"/> as <paramref name="agent"/> would.</summary>
    private static async Task<BlobRef> UploadTreeAsync(TestSite site, string agent, params byte[][] chunks)
    {
        var file = new TreeNode
        {
            Name = "file"u8.ToArray(), Type = NodeType.File, Mode = 0x1a4, Size = chunks.Sum(c => (long)c.Length),
            Content = [.. chunks.Select(c => new ChunkRef(new BlobRef(BlobId.Compute(c), BlobKey.Read(new byte[BlobKey.Length])), c.Length))],
        };
        var tree = BlobSealer.Seal(TreeCodec.Encode([file]), site.Keys.Keyring.MetadataKey(agent));
        await site.UploadAsync(agent, BlobType.Tree, tree.Blob);
        return tree.Ref;
    }

    private static CommitRequest Request(string session, BlobRef root) =>
        new(session, "host", ["/data"], new BlobRefDto(root.Id.ToString(), root.Key.ToString()), new SnapshotStats(1, 0, 0, 0, 0), []);
}
