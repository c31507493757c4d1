using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CoStor.Appliance.Archive;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Tests.Support;

namespace CoStor.Appliance.Tests.Archive;

/// <summary>Restore archives of synthetic snapshots on a real site, written to non-seekable streams and read back.</summary>
public class RestoreArchiveTests
{
    private static readonly Viewer Admin = new("ann", null);

    /// <summary>Over 65,535 entries need zip64's end records; measured at about 3 s for 66,000 entries (unit-test speed).</summary>
    [Test]
    public async Task A_zip_of_more_than_65535_entries_has_zip64_end_records_and_every_entry()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var agent = site.Agent("pc");
        var maker = new SnapshotMaker(site, agent);
        const int count = 66_000;
        var id = await maker.CommitAsync([maker.Directory("many"u8.ToArray(), Enumerable.Range(0, count).Select(i => maker.File(Encoding.UTF8.GetBytes($"f{i}"), [])))]);
        var job = SiteReaders.Open(site.Data, TimeProvider.System).Archive.Prepare(Admin, id, BrowsePath.Root, ArchiveFormat.Zip)!;
        var file = Path.Combine(scratch.Path, "out.zip");

        var clock = Stopwatch.StartNew();
        await using (var output = File.Create(file))
            await job.WriteToAsync(new NonSeekableStream(output), CancellationToken.None);
        Console.WriteLine($"zip of {count} entries: {clock.Elapsed.TotalSeconds:F1} s, {new FileInfo(file).Length} bytes");

        var bytes = await File.ReadAllBytesAsync(file);
        var zip64End = new byte[] { 0x50, 0x4b, 0x06, 0x06 };
        await Assert.That(bytes.AsSpan(bytes.Length - 200).IndexOf(zip64End)).IsGreaterThanOrEqualTo(0).Because("zip64 end of central directory record");
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        await Assert.That(zip.Entries.Count).IsEqualTo(count + 1);
        await Assert.That(zip.Entries.Count(e => e.FullName.StartsWith("many/f", StringComparison.Ordinal))).IsEqualTo(count);
        await Assert.That(job.Entries).IsEqualTo(count + 1);
    }

    [Test]
    [Arguments(ArchiveFormat.Tar)]
    [Arguments(ArchiveFormat.TarGz)]
    public async Task A_tar_holds_names_modes_owners_mtimes_links_and_content(ArchiveFormat format)
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var (id, content) = await SmallSnapshotAsync(site);
        var job = SiteReaders.Open(site.Data, TimeProvider.System).Archive.Prepare(Admin, id, BrowsePath.Parse("/top"), format)!;
        var archive = new MemoryStream();
        await job.WriteToAsync(new NonSeekableStream(archive), CancellationToken.None);
        archive.Position = 0;

        var entries = new Dictionary<string, (TarEntryType Type, UnixFileMode Mode, int Uid, DateTimeOffset Mtime, string Link, byte[] Data)>();
        using (var tar = new TarReader(format == ArchiveFormat.TarGz ? new GZipStream(archive, CompressionMode.Decompress) : archive))
        {
            while (tar.GetNextEntry(copyData: true) is { } entry)
            {
                var data = new MemoryStream();
                entry.DataStream?.CopyTo(data);
                entries[entry.Name] = (entry.EntryType, entry.Mode, entry.Uid, entry.ModificationTime, entry.LinkName, data.ToArray());
            }
        }

        await Assert.That(entries.Keys.Order().ToArray()).IsEquivalentTo(new[] { "top/", "top/big file.bin", "top/f%FF.b", "top/link", "top/second name" }.Order().ToArray());
        var big = entries["top/big file.bin"];
        await Assert.That(big.Data.SequenceEqual(content)).IsTrue();
        await Assert.That(big.Mode).IsEqualTo((UnixFileMode)0x1e4);
        await Assert.That(big.Uid).IsEqualTo(1000);
        await Assert.That(big.Mtime).IsEqualTo(DateTimeOffset.UnixEpoch.AddTicks(1_700_000_000_123_456_789 / 100));
        await Assert.That(entries["top/second name"].Type).IsEqualTo(TarEntryType.HardLink);
        await Assert.That(entries["top/second name"].Link).IsEqualTo("top/big file.bin");
        await Assert.That(entries["top/link"].Type).IsEqualTo(TarEntryType.SymbolicLink);
        await Assert.That(entries["top/link"].Link).IsEqualTo("big file.bin");
        await Assert.That(entries["top/"].Type).IsEqualTo(TarEntryType.Directory);
        await Assert.That(Encoding.UTF8.GetString(entries["top/f%FF.b"].Data)).IsEqualTo("not utf-8");
    }

    [Test]
    public async Task A_zip_holds_names_modes_mtimes_symlinks_and_repeats_hardlinked_content()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var (id, content) = await SmallSnapshotAsync(site);
        var job = SiteReaders.Open(site.Data, TimeProvider.System).Archive.Prepare(Admin, id, BrowsePath.Root, ArchiveFormat.Zip)!;
        var archive = new MemoryStream();
        await job.WriteToAsync(new NonSeekableStream(archive), CancellationToken.None);
        archive.Position = 0;

        using var zip = new ZipArchive(archive, ZipArchiveMode.Read);
        var big = zip.GetEntry("top/big file.bin")!;
        await Assert.That(Read(big).SequenceEqual(content)).IsTrue();
        await Assert.That(Read(zip.GetEntry("top/second name")!).SequenceEqual(content)).IsTrue();
        await Assert.That(big.ExternalAttributes >>> 16).IsEqualTo(0x8000 | 0x1e4);
        await Assert.That(Math.Abs(big.LastWriteTime.ToUnixTimeSeconds() - 1_700_000_000)).IsLessThanOrEqualTo(2);
        var link = zip.GetEntry("top/link")!;
        await Assert.That(link.ExternalAttributes >>> 16).IsEqualTo(0xA000 | 0x1ff);
        await Assert.That(Encoding.UTF8.GetString(Read(link))).IsEqualTo("big file.bin");
        await Assert.That(zip.GetEntry("top/")!.ExternalAttributes >>> 16).IsEqualTo(0x4000 | 0x1ed);
        await Assert.That(zip.GetEntry("top/f%FF.b")).IsNotNull();
    }

    [Test]
    public async Task A_reader_that_goes_away_stops_the_archive_and_unknown_paths_are_not_found()
    {
        using var scratch = new ScratchDirectory();
        using var site = new TestSite(scratch.Path);
        var (id, _) = await SmallSnapshotAsync(site);
        var archives = SiteReaders.Open(site.Data, TimeProvider.System).Archive;

        var job = archives.Prepare(Admin, id, BrowsePath.Root, ArchiveFormat.Tar)!;
        await Assert.That(() => job.WriteToAsync(new NonSeekableStream(Stream.Null, failAfter: 100_000), CancellationToken.None)).Throws<IOException>();
        await Assert.That(archives.Prepare(Admin, id, BrowsePath.Parse("/nowhere"), ArchiveFormat.Zip)).IsNull();
        await Assert.That(archives.Prepare(Admin, "nosuch", BrowsePath.Root, ArchiveFormat.Zip)).IsNull();
        await Assert.That(archives.Prepare(new Viewer("bob", new HashSet<string>()), id, BrowsePath.Root, ArchiveFormat.Zip)).IsNull();
    }

    private static async Task<(string Id, byte[] Content)> SmallSnapshotAsync(TestSite site)
    {
        var agent = site.Agent("pc");
        var maker = new SnapshotMaker(site, agent);
        var content = RandomNumberGenerator.GetBytes((2 << 20) + 777);
        var id = await maker.CommitAsync([maker.Directory("top"u8.ToArray(), [
            maker.File("big file.bin"u8.ToArray(), content, mode: 0x1e4, mtimeNs: 1_700_000_000_123_456_789, hardlink: 7),
            maker.File("second name"u8.ToArray(), content, mode: 0x1e4, mtimeNs: 1_700_000_000_123_456_789, hardlink: 7),
            maker.File([0x66, 0xff, 0x2e, 0x62], "not utf-8"u8.ToArray()),
            SnapshotMaker.Symlink("link"u8.ToArray(), "big file.bin"u8.ToArray()),
        ])]);
        return (id, content);
    }

    private static byte[] Read(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
