using System.Security.Cryptography;
using CoStor.Core.Chunking;

namespace CoStor.Core.Tests.Chunking;

public class FastCdcTests
{
    private static readonly byte[] Large = ChunkingHelpers.RandomBytes(64 * 1024 * 1024, 42);

    [Test]
    public async Task Inserting_bytes_near_the_start_keeps_later_chunks()
    {
        var cdc = ChunkingHelpers.Cdc(1);
        var original = ChunkingHelpers.Chunk(Large, cdc);
        var modified = new byte[Large.Length + 100];
        Large.AsSpan(0, 1000).CopyTo(modified);
        RandomNumberGenerator.Fill(modified.AsSpan(1000, 100));
        Large.AsSpan(1000).CopyTo(modified.AsSpan(1100));

        var after = ChunkingHelpers.Chunk(modified, cdc);
        var known = original.Select(c => c.Hash).ToHashSet();
        double kept = after.Count(c => known.Contains(c.Hash)) / (double)after.Count;
        await Assert.That(kept).IsGreaterThanOrEqualTo(0.9);
        await Assert.That(original.Count).IsGreaterThan(30);
    }

    [Test]
    public async Task Chunk_sizes_respect_bounds_and_concatenate_to_input()
    {
        var cdc = ChunkingHelpers.Cdc(1);
        var p = cdc.Parameters;
        var chunker = new StreamChunker(new MemoryStream(Large), cdc, new byte[2 * p.Max]);
        using var joined = new MemoryStream();
        var lengths = new List<int>();
        while (chunker.TryNext(out var chunk))
        {
            lengths.Add(chunk.Length);
            joined.Write(chunk.Span);
        }

        await Assert.That(joined.ToArray().AsSpan().SequenceEqual(Large)).IsTrue();
        await Assert.That(lengths.Take(lengths.Count - 1).All(l => l > p.Min && l <= p.Max)).IsTrue();
        await Assert.That(lengths[^1] is > 0 and <= 4 * 1024 * 1024).IsTrue();
        double mean = Large.Length / (double)lengths.Count;
        await Assert.That(mean).IsBetween(700_000.0, 1_700_000.0);
        await Assert.That(chunker.BytesRead).IsEqualTo(Large.Length);
    }

    [Test]
    public async Task Deterministic_per_seed_and_different_across_seeds()
    {
        var data = Large.AsMemory(0, 16 * 1024 * 1024).ToArray();
        var a = ChunkingHelpers.Chunk(data, ChunkingHelpers.Cdc(1));
        var b = ChunkingHelpers.Chunk(data, ChunkingHelpers.Cdc(1));
        var c = ChunkingHelpers.Chunk(data, ChunkingHelpers.Cdc(2));
        await Assert.That(a.SequenceEqual(b)).IsTrue();
        await Assert.That(a.Select(x => x.Length).SequenceEqual(c.Select(x => x.Length))).IsFalse();
    }

    [Test]
    public async Task Result_does_not_depend_on_read_sizes()
    {
        var p = new ChunkerParameters(256, 1024, 4096);
        var cdc = ChunkingHelpers.Cdc(3, p);
        var data = ChunkingHelpers.RandomBytes(200_000, 7);
        var whole = ChunkingHelpers.Chunk(data, cdc);
        var trickled = ChunkingHelpers.Chunk(data, cdc, new TrickleStream(data, 333));
        await Assert.That(trickled.SequenceEqual(whole)).IsTrue();
        await Assert.That(whole.Take(whole.Count - 1).All(x => x.Length > p.Min && x.Length <= p.Max)).IsTrue();
    }

    [Test]
    public async Task Small_and_empty_inputs()
    {
        var cdc = ChunkingHelpers.Cdc(1);
        await Assert.That(ChunkingHelpers.Chunk([], cdc).Count).IsEqualTo(0);
        var small = ChunkingHelpers.Chunk(new byte[1000], cdc);
        await Assert.That(small.Count).IsEqualTo(1);
        await Assert.That(small[0].Length).IsEqualTo(1000);
        await Assert.That(cdc.NextCut(new byte[1000], final: false)).IsEqualTo(-1);
    }

    [Test]
    public async Task Zeros_cut_at_max()
    {
        // A run of one byte value drives h to a fixed point; with the seed-1 table it never meets a mask.
        var cdc = ChunkingHelpers.Cdc(1);
        var lengths = ChunkingHelpers.Chunk(new byte[9 * 1024 * 1024], cdc).Select(c => c.Length).ToList();
        await Assert.That(lengths.Sum()).IsEqualTo(9 * 1024 * 1024);
        await Assert.That(lengths.All(l => l <= cdc.Parameters.Max)).IsTrue();
    }

    [Test]
    public async Task Masks_have_the_level_2_bit_counts_in_the_top_48_bits()
    {
        var cdc = ChunkingHelpers.Cdc(1);
        await Assert.That(ulong.PopCount(cdc.MaskS)).IsEqualTo(22UL);
        await Assert.That(ulong.PopCount(cdc.MaskL)).IsEqualTo(18UL);
        await Assert.That(cdc.MaskS & 0xFFFF).IsEqualTo(0UL);
        await Assert.That(cdc.MaskS & cdc.MaskL).IsNotEqualTo(0UL);
    }

    [Test]
    public async Task Parameters_are_validated()
    {
        await Assert.That(() => new ChunkerParameters(1024, 1000, 4096)).Throws<ArgumentException>();
        await Assert.That(() => new ChunkerParameters(4096, 1024, 8192)).Throws<ArgumentException>();
        await Assert.That(() => new ChunkerParameters(256, 1024, 1024)).Throws<ArgumentException>();
        await Assert.That(() => new StreamChunker(Stream.Null, ChunkingHelpers.Cdc(1), new byte[100])).Throws<ArgumentException>();
    }

    [Test]
    public async Task Gear_table_is_hkdf_expand_of_the_seed()
    {
        var seed = ChunkingHelpers.Seed(9);
        var expected = HKDF.Expand(HashAlgorithmName.SHA256, seed, 2048, "costor/v1/gear"u8.ToArray());
        var table = GearTable.FromSeed(seed);
        await Assert.That(table.Values[0]).IsEqualTo(BitConverter.ToUInt64(expected, 0));
        await Assert.That(table.Values[255]).IsEqualTo(BitConverter.ToUInt64(expected, 2040));
    }
}
