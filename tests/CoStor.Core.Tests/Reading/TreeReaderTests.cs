using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Core.Tests.Reading;

/// <summary>Directories read one at a time: paths resolve, absent ones are null, spans read as one directory.</summary>
public class TreeReaderTests
{
    [Test]
    public async Task Tree_reader_resolves_paths_and_joins_spans()
    {
        var blobs = new MemoryBlobReader();
        var meta = RandomNumberGenerator.GetBytes(32);
        var leaf = new TreeNode { Name = "zz-file"u8.ToArray(), Type = NodeType.File, Size = 3 };
        var runs = TreeSpans.Split(Enumerable.Range(0, 300).Select(i => new TreeNode { Name = System.Text.Encoding.UTF8.GetBytes($"n{i:D4}"), Type = NodeType.Fifo }).Append(leaf), 2000);
        var spans = runs.Select(run => TreeSpans.Span(run[0].Name, blobs.Add(BlobSealer.Seal(TreeCodec.Encode(run), meta)))).ToList();
        var big = blobs.Add(BlobSealer.Seal(TreeCodec.Encode(spans), meta));
        var root = blobs.Add(BlobSealer.Seal(TreeCodec.Encode([new TreeNode { Name = "big"u8.ToArray(), Type = NodeType.Directory, Subtree = big }]), meta));
        var trees = new TreeReader(blobs);

        await Assert.That(runs.Count).IsGreaterThan(1);
        await Assert.That(trees.Directory(big).Count).IsEqualTo(301);
        await Assert.That(trees.Resolve(root, ["big"u8.ToArray(), leaf.Name])!.Size).IsEqualTo(3);
        await Assert.That(trees.Resolve(root, ["big"u8.ToArray(), "missing"u8.ToArray()])).IsNull();
        await Assert.That(trees.Resolve(root, ["big"u8.ToArray(), leaf.Name, "below-a-file"u8.ToArray()])).IsNull();
        await Assert.That(trees.Resolve(root, [])!.Type).IsEqualTo(NodeType.Directory);
    }
}
