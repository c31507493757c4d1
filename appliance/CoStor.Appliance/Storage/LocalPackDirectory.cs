using System.Globalization;
using System.Security.Cryptography;
using CoStor.Appliance.Site;
using CoStor.Core.Blobs;

namespace CoStor.Appliance.Storage;

/// <summary>
/// Sealed packs in a local directory, as <c>xx/&lt;name&gt;.pack</c> (xx: the name's first two hex digits).
/// A pack arrives as <c>incoming/&lt;random&gt;.part</c>, is fsynced and verified there, then renamed into place
/// and both directories fsynced (contract: <see cref="IPackStore"/>). What an interrupted Put leaves in
/// <c>incoming/</c> is never listed and is removed when the directory is next opened.
/// </summary>
public sealed class LocalPackDirectory : IPackStore
{
    private const string Extension = ".pack";
    private readonly string _root;
    private readonly string _incoming;

    public LocalPackDirectory(string root)
    {
        _root = Path.GetFullPath(root);
        _incoming = Path.Combine(_root, "incoming");
        Directory.CreateDirectory(_incoming);
        foreach (var leftover in Directory.EnumerateFiles(_incoming))
            File.Delete(leftover);
    }

    public string PathOf(BlobId name) => PathOf(name.ToString());

    public string PathOf(string name) => PathIn(_root, name);

    /// <summary>Where the pack <paramref name="name"/> lives below <paramref name="root"/>, whoever reads it.</summary>
    public static string PathIn(string root, string name) => Path.Combine(Path.GetFullPath(root), name[..2], name + Extension);

    public async Task PutAsync(BlobId name, Stream pack, CancellationToken cancellationToken)
    {
        if (Contains(name))
            return;
        var part = Path.Combine(_incoming, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + ".part");
        try
        {
            await using (var file = new FileStream(part, new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.Asynchronous,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
            }))
            {
                await pack.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                file.Position = 0;
                PackVerifier.Verify(file, name);
            }
            Adopt(name.ToString(), part);
        }
        finally
        {
            File.Delete(part);
        }
    }

    /// <summary>
    /// Moves a complete, fsynced pack file that this appliance sealed itself (so its name is known good) into
    /// place and makes the rename durable. Local only: the file must be on the same file system.
    /// </summary>
    public void Adopt(string name, string completePackPath)
    {
        var final = PathOf(name);
        var directory = Path.GetDirectoryName(final)!;
        var created = !Directory.Exists(directory);
        Directory.CreateDirectory(directory);
        if (created)
            DurableFile.SyncDirectory(_root);
        File.Move(completePackPath, final, overwrite: true);
        DurableFile.SyncDirectory(directory);
        DurableFile.SyncDirectory(Path.GetDirectoryName(completePackPath)!);
    }

    public Stream? OpenRead(BlobId name)
    {
        try
        {
            return new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    public bool Contains(BlobId name) => File.Exists(PathOf(name));

    public IEnumerable<BlobId> List()
    {
        foreach (var directory in Directory.EnumerateDirectories(_root))
        {
            var prefix = Path.GetFileName(directory);
            if (prefix.Length != 2 || !byte.TryParse(prefix, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
                continue;
            foreach (var file in Directory.EnumerateFiles(directory, "*" + Extension))
            {
                var stem = Path.GetFileNameWithoutExtension(file);
                if (stem.StartsWith(prefix, StringComparison.Ordinal) && BlobId.TryParse(stem, out var name))
                    yield return name;
            }
        }
    }
}
