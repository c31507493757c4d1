using System.Security.Cryptography;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Reading;
using CoStor.Core.Trees;

namespace CoStor.Core.Tests.Reading;

/// <summary>A file's content read chunk by chunk: whole and exact, or an error — never a wrong file.</summary>
public class FileContentStreamTests
{
    private static readonly byte[] Conv = RandomNumberGenerator.GetBytes(32);

    [Test]
    public async Task Content_reads_back_exactly_across_chunks_and_shared_buffers()
    {
        var blobs = new MemoryBlobReader();
        var content = RandomNumberGenerator.GetBytes(3_000_000);
        var file = File(blobs, content, 1_000_000);
        var buffers = new ChunkBuffers();
        foreach (var shared in new[] { null, buffers, buffers })
        {
            using var stream = new FileContentStream(blobs, file, buffers: shared);
            var copy = new MemoryStream();
            await stream.CopyToAsync(copy, 65536);
            await Assert.That(copy.ToArray().SequenceEqual(content)).IsTrue();
            await Assert.That(stream.Position).IsEqualTo(content.Length);
        }
    }

    [Test]
    public async Task A_size_that_differs_from_the_content_and_a_tampered_or_missing_chunk_throw()
    {
        var blobs = new MemoryBlobReader();
        var content = RandomNumberGenerator.GetBytes(100_000);
        var file = File(blobs, content, 40_000);
        var longer = new TreeNode { Name = file.Name, Type = NodeType.File, Size = file.Size + 1, Content = file.Content };
        await Assert.That(() => new FileContentStream(blobs, longer).CopyTo(Stream.Null)).Throws<CorruptTreeException>();

        blobs.Blobs[file.Content[1].Ref.Id][5] ^= 1;
        await Assert.That(() => new FileContentStream(blobs, file).CopyTo(Stream.Null)).Throws<CorruptBlobException>();
        blobs.Blobs.Remove(file.Content[2].Ref.Id);
        var reader = new FileContentStream(blobs, file);
        await Assert.That(() => reader.CopyTo(Stream.Null)).Throws<CoStorException>();
    }

    private static TreeNode File(MemoryBlobReader blobs, byte[] content, int chunk)
    {
        var chunks = new List<ChunkRef>();
        for (int offset = 0; offset < content.Length; offset += chunk)
        {
            var length = Math.Min(chunk, content.Length - offset);
            chunks.Add(new ChunkRef(blobs.Add(BlobSealer.Seal(content.AsSpan(offset, length), Conv)), length));
        }
        return new TreeNode { Name = "zz-file"u8.ToArray(), Type = NodeType.File, Size = content.Length, Content = chunks };
    }
}
