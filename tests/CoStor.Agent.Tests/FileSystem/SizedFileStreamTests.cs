using CoStor.Agent.FileSystem;

namespace CoStor.Agent.Tests.FileSystem;

public class SizedFileStreamTests
{
    [Test]
    public async Task Reads_exactly_the_size_the_file_had_when_opened()
    {
        using var temp = new TempDirectory();
        var path = temp.PathText + "/file";
        var content = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(path, content);
        using var handle = Posix.OpenRead(temp.Child("file"));
        using var stream = new SizedFileStream(handle, content.Length);

        // Grows after opening: the stream still ends at the size it was given.
        File.AppendAllText(path, "appended later");
        var read = new MemoryStream();
        stream.CopyTo(read, bufferSize: 4096);

        await Assert.That(read.ToArray().SequenceEqual(content)).IsTrue();
        await Assert.That(stream.Position).IsEqualTo((long)content.Length);
        await Assert.That(stream.Read(new byte[10], 0, 10)).IsEqualTo(0);
    }

    [Test]
    public async Task A_file_that_shrank_ends_early()
    {
        using var temp = new TempDirectory();
        var path = temp.PathText + "/file";
        File.WriteAllBytes(path, new byte[50_000]);
        using var handle = Posix.OpenRead(temp.Child("file"));
        using var stream = new SizedFileStream(handle, 50_000);

        using (var truncate = new FileStream(path, FileMode.Open, FileAccess.Write))
            truncate.SetLength(1_000);
        var read = new MemoryStream();
        await stream.CopyToAsync(read);

        await Assert.That(read.Length).IsEqualTo(1_000L);
    }
}
