using System.Text;
using CoStor.Core.Blobs;

namespace CoStor.Core.Tests.Golden;

/// <summary>
/// Full-size chunks (1 and 4 MiB, the chunker's average and maximum) sealed as an agent seals them get the blob ids
/// recorded in <c>tests/testdata/v1/fullsize-chunk-ids.txt</c> forever: the ids bind every compressed byte, so a
/// zstd that compressed them differently — and stopped dedup against older agents — fails here.
/// </summary>
public class FullSizeChunkTests
{
    [Test]
    [Arguments(1 << 20)]
    [Arguments(4 << 20)]
    public async Task A_full_size_chunk_seals_to_its_recorded_blob_id(int length)
    {
        var recorded = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "testdata", "v1", "fullsize-chunk-ids.txt"))
            .Select(line => line.Split(' ')).ToDictionary(parts => int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts => parts[1]);

        var sealedChunk = BlobSealer.Seal(Chunk(length), GoldenInputs.Keyring.ConvergenceKey);

        await Assert.That(sealedChunk.Ref.Id.ToString()).IsEqualTo(recorded[length]);
    }

    [Test]
    public async Task The_linked_zstd_is_the_version_the_golden_files_were_made_with() =>
        await Assert.That(Payload.ZstdVersion).IsEqualTo(Payload.ExpectedZstdVersion);

    /// <summary>Deterministic text-like bytes that compress about threefold, like a document.</summary>
    internal static byte[] Chunk(int length)
    {
        var text = new StringBuilder(length + 100);
        for (var line = 0; text.Length < length; line++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{line:D7} the quick brown fox {line * 2654435761u % 1000003} jumps over {line % 97} lazy dogs\n");
        return Encoding.ASCII.GetBytes(text.ToString(0, length));
    }
}
