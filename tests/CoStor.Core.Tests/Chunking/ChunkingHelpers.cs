using System.Security.Cryptography;
using CoStor.Core.Chunking;

namespace CoStor.Core.Tests.Chunking;

internal static class ChunkingHelpers
{
    public static byte[] Seed(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    public static FastCdc Cdc(byte seed, ChunkerParameters? parameters = null) =>
        new(GearTable.FromSeed(Seed(seed)), parameters ?? ChunkerParameters.Default);

    public static byte[] RandomBytes(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>Chunks through <see cref="StreamChunker"/>, returning (length, SHA-256 hex) per chunk.</summary>
    public static List<(int Length, string Hash)> Chunk(byte[] data, FastCdc cdc, Stream? stream = null)
    {
        var chunker = new StreamChunker(stream ?? new MemoryStream(data), cdc, new byte[2 * cdc.Parameters.Max]);
        var result = new List<(int, string)>();
        while (chunker.TryNext(out var chunk))
        {
            result.Add((chunk.Length, Convert.ToHexString(SHA256.HashData(chunk.Span))));
        }

        return result;
    }
}
