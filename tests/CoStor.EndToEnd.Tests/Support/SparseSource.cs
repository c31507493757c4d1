using CoStor.Agent.FileSystem;

namespace CoStor.EndToEnd.Tests.Support;

/// <summary>
/// A sparse file over 4 GiB for the large-file tests: random 8 MiB islands at its start, at 1 GiB, straddling the
/// 4 GiB boundary (where 32-bit sizes and offsets break) and at its end; holes elsewhere, so it costs 32 MiB of disk.
/// </summary>
public static class SparseSource
{
    public static void Write(string path, long size, int seed)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        var writer = new SparseFileWriter(handle);
        var random = new Random(seed);
        foreach (var offset in new[] { 0L, 1L << 30, (4L << 30) - 1000, size - (8 << 20) })
        {
            var data = new byte[8 << 20];
            random.NextBytes(data);
            writer.Write(offset, data);
        }
        writer.Complete();
    }
}
