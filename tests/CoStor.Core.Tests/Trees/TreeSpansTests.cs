using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Core.Tests.Trees;

public class TreeSpansTests
{
    private static List<TreeNode> Files(int count) =>
    [
        .. Enumerable.Range(0, count).Reverse().Select(i => new TreeNode
        {
            Name = System.Text.Encoding.ASCII.GetBytes($"file-{i:D6}"), Type = NodeType.File, Mode = 0x1A4, Size = 1,
            Content = [new ChunkRef(TreeSamples.Ref((byte)i), 1)],
        }),
    ];

    [Test]
    public async Task Split_gives_runs_in_name_order_that_each_fit_the_limit()
    {
        var entries = Files(2000);

        var runs = TreeSpans.Split(entries, maxTreeBytes: 20_000);

        await Assert.That(runs.Count).IsGreaterThan(5);
        foreach (var run in runs)
            await Assert.That(TreeCodec.Encode(run).Length).IsLessThanOrEqualTo(20_000);
        var names = runs.SelectMany(run => run).Select(n => System.Text.Encoding.ASCII.GetString(n.Name)).ToList();
        await Assert.That(names).IsEquivalentTo(entries.Select(n => System.Text.Encoding.ASCII.GetString(n.Name)).Order(StringComparer.Ordinal).ToList());
        await Assert.That(names.SequenceEqual(names.Order(StringComparer.Ordinal))).IsTrue();
    }

    [Test]
    public async Task A_tree_of_spans_round_trips_and_joins_back_to_the_directory()
    {
        var entries = Files(500);
        var runs = TreeSpans.Split(entries, maxTreeBytes: 10_000);
        var stored = new Dictionary<BlobId, IReadOnlyList<TreeNode>>();
        var spans = runs.Select((run, i) =>
        {
            var reference = TreeSamples.Ref((byte)(100 + i));
            stored[reference.Id] = TreeCodec.Decode(TreeCodec.Encode(run));
            return TreeSpans.Span(run[0].Name, reference);
        }).ToList();

        var decoded = TreeCodec.Decode(TreeCodec.Encode(spans));
        var joined = TreeSpans.Join(decoded, run => stored[run.Id]);

        await Assert.That(TreeSpans.AreSpans(decoded)).IsTrue();
        await Assert.That(TreeSamples.Describe(joined)).IsEqualTo(TreeSamples.Describe(entries.OrderBy(n => n.Name, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b)))));
    }

    [Test]
    public async Task TryEncode_says_when_a_directory_needs_spans()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        await Assert.That(TreeCodec.TryEncode(Files(1000), writer)).IsTrue();
        writer.ResetWrittenCount();
        await Assert.That(TreeCodec.TryEncode(Files(180_000), writer)).IsFalse();
        await Assert.That(() => TreeCodec.Encode(Files(180_000))).Throws<ArgumentException>();
    }

    [Test]
    public async Task Spans_mixed_with_entries_or_carrying_metadata_are_refused_both_ways()
    {
        var span = TreeSpans.Span("a"u8.ToArray(), TreeSamples.Ref(1));
        await Assert.That(() => TreeCodec.Encode([span, Files(1)[0]])).Throws<ArgumentException>();
        await Assert.That(() => TreeCodec.Encode([new TreeNode { Name = "a"u8.ToArray(), Type = NodeType.Span, Mode = 0x1A4, Subtree = TreeSamples.Ref(1) }]))
            .Throws<ArgumentException>();

        // Bytes the encoder cannot write: a directory "a" (no metadata) next to a file, retyped as a span (type byte
        // after magic, version, count, name length and name) — and a directory with metadata retyped the same way.
        var directory = new TreeNode { Name = "a"u8.ToArray(), Type = NodeType.Directory, Subtree = TreeSamples.Ref(1) };
        var mixed = TreeCodec.Encode([directory, Files(1)[0]]);
        mixed[8] = (byte)NodeType.Span;
        await Assert.That(() => TreeCodec.Decode(mixed)).Throws<CorruptTreeException>().WithMessageContaining("mixes spans");
        var withMode = TreeCodec.Encode([new TreeNode { Name = "a"u8.ToArray(), Type = NodeType.Directory, Mode = 0x1ED, Subtree = TreeSamples.Ref(1) }]);
        withMode[8] = (byte)NodeType.Span;
        await Assert.That(() => TreeCodec.Decode(withMode)).Throws<CorruptTreeException>().WithMessageContaining("carries metadata");
    }

    [Test]
    public async Task Join_refuses_runs_that_overlap_or_do_not_start_at_their_span()
    {
        var entries = Files(4).OrderBy(n => n.Name, Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();
        var (first, second) = (TreeSamples.Ref(1), TreeSamples.Ref(2));
        var runs = new Dictionary<BlobId, IReadOnlyList<TreeNode>> { [first.Id] = entries[..3], [second.Id] = entries[2..] };

        await Assert.That(() => TreeSpans.Join([TreeSpans.Span(entries[0].Name, first), TreeSpans.Span(entries[2].Name, second)], r => runs[r.Id]))
            .Throws<CorruptTreeException>().WithMessageContaining("overlaps");
        await Assert.That(() => TreeSpans.Join([TreeSpans.Span(entries[1].Name, first)], r => runs[r.Id]))
            .Throws<CorruptTreeException>().WithMessageContaining("starts with");
    }
}
