using System.CommandLine;
using CoStor.Appliance.Archive;
using CoStor.Appliance.Browse;
using CoStor.Appliance.Configuration;
using CoStor.Appliance.Errors;
using CoStor.Appliance.Site;

namespace CoStor.Appliance.Cli;

/// <summary>
/// <c>archive [--site NAME] --snapshot ID [--path P] --format zip|tar|tar.gz [--deflate] -o FILE|-</c>: the restore archive the web UI streams,
/// written to a file (as FILE.tmp, fsynced, then renamed, so a failed archive leaves nothing) or to stdout (<c>-</c>).
/// Every check that can fail (format, path, snapshot, path in the snapshot) runs before anything is written. Works
/// beside a serving appliance (<see cref="SiteReaders"/>); audited as <c>archive.download</c> by actor "cli". With
/// <c>--site NAME</c> the snapshot is peer site NAME's, read through the view <c>site unlock</c> left (<see cref="SiteCommands"/>).
/// </summary>
public static class ArchiveCommand
{
    public static Command Build(Func<ParseResult, ApplianceConfig> resolve, TimeProvider time)
    {
        var snapshot = new Option<string>("--snapshot") { Description = "snapshot id", Required = true };
        var path = new Option<string?>("--path") { Description = "folder or file inside the snapshot (default /; %XX stands for a raw byte)" };
        var format = new Option<string>("--format") { Description = "zip | tar | tar.gz", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "output file, or - for standard output", Required = true };
        var deflate = new Option<bool>("--deflate") { Description = "zip: deflate files whose data compresses (smaller, several times slower; default: stored)" };
        var site = new Option<string?>("--site") { Description = "a peer site held here, unlocked with 'site unlock' (default: this site)" };
        var command = new Command("archive", "Write a snapshot, or a folder of it, as a zip, tar or tar.gz archive") { snapshot, path, format, output, deflate, site };
        command.SetAction((result, cancellationToken) => RunAsync(() => WriteAsync(resolve(result), time, (result.GetValue(site), result.GetValue(snapshot)!),
            result.GetValue(path), result.GetValue(format)!, (result.GetValue(output)!, result.GetValue(deflate)), cancellationToken)));
        return command;
    }

    private static async Task<int> WriteAsync(ApplianceConfig config, TimeProvider time, (string? Site, string Id) snapshot, string? pathText, string formatText,
        (string File, bool Deflate) destination, CancellationToken cancellationToken)
    {
        var snapshotId = snapshot.Id;
        var output = destination.File;
        if (!ArchiveFormats.TryParse(formatText, out var format))
            throw new ApplianceException($"--format must be one of {string.Join(", ", ArchiveFormats.Names)}, not '{formatText}'");
        if (!BrowsePath.TryParse(pathText ?? "/", out var path))
            throw new ApplianceException($"--path '{pathText}' is not a snapshot path (a '%' must be followed by two hex digits; no '.' or '..')");
        if (output.Length == 0)
            throw new ApplianceException("-o needs a file name, or - for standard output");
        var data = ApplianceCommands.RequireSite(config);
        var readers = snapshot.Site is null ? SiteReaders.Open(data, time) : SiteCommands.Readers(config, data, snapshot.Site, time);
        var viewer = new Viewer("cli", null);
        if (readers.Browser.Find(viewer, snapshotId) is null)
            throw new ApplianceException(snapshot.Site is null ? $"no snapshot '{snapshotId}' on this appliance" : $"no snapshot '{snapshotId}' of site '{snapshot.Site}'");
        var job = readers.Archive.Prepare(viewer, snapshotId, path, format, destination.Deflate)
            ?? throw new ApplianceException($"'{path.Display}' is not in snapshot {snapshotId}");
        if (output == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            await job.WriteToAsync(stdout, cancellationToken);
            await stdout.FlushAsync(cancellationToken);
        }
        else
        {
            await WriteFileAsync(job, Path.GetFullPath(output), cancellationToken);
        }
        Console.Error.WriteLine($"wrote {job.Entries} entries of {path.Display} in snapshot {snapshotId} to {output}");
        return 0;
    }

    /// <summary>FILE.tmp → fsync → rename → fsync the directory; on any failure the temporary file is removed.</summary>
    private static async Task WriteFileAsync(ArchiveJob job, string file, CancellationToken cancellationToken)
    {
        var temporary = file + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await job.WriteToAsync(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, file, overwrite: true);
            DurableFile.SyncDirectory(Path.GetDirectoryName(file)!);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>As <see cref="ApplianceCommands.Run"/>, for an asynchronous action; a cancelled archive is an error too.</summary>
    internal static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is ApplianceException or IOException or UnauthorizedAccessException or CoStor.Core.Errors.CoStorException
                                      or ConfigException or OperationCanceledException)
        {
            Console.Error.WriteLine($"costor-appliance: {e.Message}");
            return 1;
        }
    }
}
