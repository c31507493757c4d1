using System.IO.Compression;
using CoStor.Appliance.Archive;
using CoStor.EndToEnd.Tests.Support;

namespace CoStor.EndToEnd.Tests.Archive;

/// <summary>
/// <c>costor-appliance archive</c> beside a serving appliance, on a snapshot the real agent made of a tree with every
/// awkward case (TreeGenerator): each archive read back entry by entry must match the source byte for byte.
/// </summary>
public class ArchiveCliTests
{
    [Test]
    public async Task Archives_of_the_whole_snapshot_and_of_a_folder_match_the_source()
    {
        using var temp = new TempDirectory();
        await using var tree = await BackedUpTree.CreateAsync(temp);
        var (appliance, source, snapshot) = (tree.Appliance, tree.Source, tree.Snapshot);

        foreach (var format in new[] { ArchiveFormat.Zip, ArchiveFormat.Tar, ArchiveFormat.TarGz })
        {
            var name = ArchiveFormats.Names[(int)format];
            // The whole snapshot mirrors absolute paths (tmp/costor-e2e-…/src/…); only the source's part is compared.
            var whole = temp.Sub($"whole.{name}");
            var result = await Tools.ApplianceAsync("archive", "--data", appliance.DataDir, "--snapshot", snapshot, "--format", name, "-o", whole);
            await Assert.That(result.ExitCode).IsEqualTo(0).Because(result.ToString());
            var prefix = source.TrimStart('/');
            var lines = Read(whole, format).Where(l => l.StartsWith(prefix + "/", StringComparison.Ordinal) || l.StartsWith(prefix + " ", StringComparison.Ordinal)).ToList();
            await Assert.That(string.Join('\n', lines)).IsEqualTo(string.Join('\n', ArchiveManifest.OfSource(source, prefix, format))).Because(name);
            await Assert.That(Read(whole, format).Any(l => l.StartsWith("tmp/ d ", StringComparison.Ordinal))).IsTrue().Because("the directories above the source are there");

            var folder = temp.Sub($"folder.{name}");
            result = await Tools.ApplianceAsync("archive", "--data", appliance.DataDir, "--snapshot", snapshot, "--path", source, "--format", name, "-o", folder);
            await Assert.That(result.ExitCode).IsEqualTo(0).Because(result.ToString());
            await Assert.That(string.Join('\n', Read(folder, format))).IsEqualTo(string.Join('\n', ArchiveManifest.OfSource(source, "src", format))).Because(name);
            await Assert.That(File.Exists(folder + ".tmp")).IsFalse();
        }
    }

    [Test]
    public async Task Bad_input_fails_with_one_line_and_writes_nothing()
    {
        using var temp = new TempDirectory();
        await using var tree = await BackedUpTree.CreateAsync(temp, await temp.SourceWithAsync("a.txt", "a"u8.ToArray()));
        var (appliance, source, snapshot) = (tree.Appliance, tree.Source, tree.Snapshot);
        var output = temp.Sub("out.zip");

        var cases = new (string[] Args, string Message)[]
        {
            (["--snapshot", "0123456789abcdef0123456789abcdef", "--format", "zip"], "no snapshot '0123456789abcdef0123456789abcdef'"),
            (["--snapshot", snapshot, "--path", "/no/such/folder", "--format", "zip"], "'/no/such/folder' is not in snapshot"),
            (["--snapshot", snapshot, "--format", "rar"], "--format must be one of zip, tar, tar.gz"),
            (["--snapshot", snapshot, "--path", "/a/%ZZ", "--format", "tar"], "is not a snapshot path"),
        };
        foreach (var (args, message) in cases)
        {
            var result = await Tools.ApplianceAsync(["archive", "--data", appliance.DataDir, .. args, "-o", output]);
            await Assert.That(result.ExitCode).IsEqualTo(1).Because(result.ToString());
            await Assert.That(result.Stderr).Contains(message);
            await Assert.That(result.Stderr.Trim().Split('\n').Length).IsEqualTo(1).Because(result.ToString());
            await Assert.That(File.Exists(output) || File.Exists(output + ".tmp")).IsFalse();
        }
    }

    [Test]
    public async Task A_dash_writes_the_archive_to_standard_output()
    {
        using var temp = new TempDirectory();
        await using var tree = await BackedUpTree.CreateAsync(temp, await temp.SourceWithAsync("a.txt", "hello"u8.ToArray()));
        var (appliance, source, snapshot) = (tree.Appliance, tree.Source, tree.Snapshot);
        var captured = temp.Sub("stdout.tar");

        var command = $"dotnet '{Tools.ApplianceDll}' archive --data '{appliance.DataDir}' --snapshot {snapshot} --path '{source}' --format tar -o - > '{captured}'";
        await Tools.SystemAsync("sh", "-c", command);

        await using var tar = File.OpenRead(captured);
        await Assert.That(string.Join('\n', ArchiveManifest.OfTar(tar, gzip: false))).IsEqualTo(string.Join('\n', ArchiveManifest.OfSource(source, "src", ArchiveFormat.Tar)));
    }

    private static List<string> Read(string file, ArchiveFormat format)
    {
        using var stream = File.OpenRead(file);
        if (format != ArchiveFormat.Zip)
            return ArchiveManifest.OfTar(stream, format == ArchiveFormat.TarGz);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        return ArchiveManifest.OfZip(zip);
    }
}
