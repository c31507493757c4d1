using CoStor.Agent.Restore;
using CoStor.Core.Protocol;
using CoStor.Core.Trees;

namespace CoStor.Agent.Tests.Restore;

public class ChunkPipelineTests
{
    [Test]
    public async Task Requests_hold_at_most_MaxReadIds_distinct_blobs_and_chunks_come_back_in_order()
    {
        var snapshot = new SnapshotBuilder();
        int distinct = ProtocolLimits.MaxReadIds + 500;
        var chunks = new List<ChunkRef>();
        for (int i = 0; i < distinct; i++)
            chunks.AddRange(snapshot.Chunks(BitConverter.GetBytes(i), 4)); // distinct 4-byte chunks
        chunks.Add(chunks[^1]); // repeated within the second batch: fetched once
        chunks.Add(chunks[0]);  // repeated across batches: the second batch fetches it again

        await using var pipeline = new ChunkPipeline(snapshot.Source, chunks, 64 << 20, CancellationToken.None);
        for (int i = 0; i < chunks.Count; i++)
        {
            var chunk = await pipeline.NextAsync(CancellationToken.None);
            await Assert.That(chunk.Error).IsNull();
            await Assert.That(BitConverter.ToInt32(chunk.Plain.Span)).IsEqualTo(i == distinct ? distinct - 1 : i == distinct + 1 ? 0 : i);
        }

        var sizes = snapshot.Source.Requests.Select(r => r.Count).ToList();
        await Assert.That(sizes).IsEquivalentTo([ProtocolLimits.MaxReadIds, 501]);
    }
}
