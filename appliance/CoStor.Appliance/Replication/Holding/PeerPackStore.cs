using System.Globalization;
using CoStor.Appliance.Site;
using CoStor.Appliance.Storage;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using Microsoft.Win32.SafeHandles;

namespace CoStor.Appliance.Replication.Holding;

/// <summary>
/// The packs this box holds for one peer site, below <c>peers/&lt;site&gt;/</c> (docs/replication.md, "On disk"):
/// held packs at <c>packs/xx/&lt;name&gt;.pack</c> (the local layout, <see cref="LocalPackDirectory.PathIn"/>), a pull
/// in progress at <c>incoming/&lt;name&gt;.part</c>, which survives restarts so a pull resumes from its length.
/// <list type="bullet">
/// <item>A pack becomes visible only through <see cref="Complete"/>: the whole <c>.part</c> is verified against its
/// name (<see cref="PackVerifier"/>: the index hashes to the name and every blob to its id, so the name commits to
/// every byte) and its expected size, then fsynced, renamed into place and both directories fsynced. Readers never
/// see a partial or unverified pack; a refused <c>.part</c> is deleted.</item>
/// <item>Held packs are immutable. Only the retention rule removes one (<see cref="Retire"/>); nothing a peer sends
/// deletes anything.</item>
/// <item>Names are 64 lowercase hex digits; anything else is refused before it touches a path. One pull at a time
/// per pack name (the replication service pulls each peer's packs in one loop).</item>
/// </list>
/// It is also an <see cref="IPackStore"/> (a whole-stream Put is an append from 0 and a Complete), so the store
/// conformance suite runs against it.
/// </summary>
public sealed class PeerPackStore : IPackStore
{
    private const string PartExtension = ".part";
    private readonly string _packs;
    private readonly string _incoming;

    /// <summary>A store rooted at <paramref name="root"/> (normally <see cref="DataDirectory.PeerPath"/>).</summary>
    public PeerPackStore(string root)
    {
        Root = Path.GetFullPath(root);
        _packs = Path.Combine(Root, "packs");
        _incoming = Path.Combine(Root, "incoming");
        Directory.CreateDirectory(_packs);
        Directory.CreateDirectory(_incoming);
    }

    public static PeerPackStore For(DataDirectory data, string site) => new(data.PeerPath(site));

    public string Root { get; }

    /// <summary>How many bytes of <paramref name="name"/> have been pulled so far: where the next pull resumes.</summary>
    public long ResumeOffset(string name)
    {
        var part = new FileInfo(PartPath(name));
        return part.Exists ? part.Length : 0;
    }

    /// <summary>
    /// Appends <paramref name="source"/> to the pull of <paramref name="name"/> and fsyncs it. The pull must stand
    /// at <paramref name="expectedOffset"/> (what <see cref="ResumeOffset"/> said when the request was made);
    /// otherwise nothing is written and <see cref="InvalidOperationException"/> says so. A failing source leaves
    /// what arrived, fsynced or not: the next <see cref="ResumeOffset"/> reads the real length.
    /// </summary>
    public async Task AppendAsync(string name, Stream source, long expectedOffset, CancellationToken cancellationToken)
    {
        var path = PartPath(name);
        await using var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, Share = FileShare.Read, Options = FileOptions.Asynchronous,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead,
        });
        if (file.Length != expectedOffset)
            throw new InvalidOperationException($"pull of {name} stands at {file.Length}, not {expectedOffset}");
        file.Position = expectedOffset;
        try
        {
            await source.CopyToAsync(file, cancellationToken);
        }
        finally
        {
            await file.FlushAsync(CancellationToken.None);
            file.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Ends the pull of <paramref name="name"/>: accepts the <c>.part</c> only if it is exactly
    /// <paramref name="expectedSize"/> bytes and a valid pack with that name; durable on return. A refusal deletes
    /// the <c>.part</c> (the next pull starts from 0). A pack already held is accepted again and the <c>.part</c>
    /// dropped.
    /// </summary>
    public PackAcceptance Complete(string name, long expectedSize)
    {
        var id = Parse(name);
        var part = PartPath(name);
        if (Holds(name))
        {
            File.Delete(part);
            return PackAcceptance.Held;
        }
        if (!File.Exists(part))
            return PackAcceptance.Refused($"pack {name}: nothing was received");
        string? refusal;
        using (var file = new FileStream(part, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            refusal = Check(file, id, expectedSize);
            if (refusal is null)
                file.Flush(flushToDisk: true);
        }
        if (refusal is not null)
        {
            File.Delete(part);
            return PackAcceptance.Refused(refusal);
        }
        Place(name, part);
        return PackAcceptance.Held;
    }

    public bool Holds(string name) => File.Exists(PackPath(name));

    /// <summary>Every pack held, with its size; never a pull in progress.</summary>
    public IEnumerable<(string Name, long Size)> Held()
    {
        foreach (var directory in Directory.EnumerateDirectories(_packs))
        {
            var prefix = Path.GetFileName(directory);
            if (prefix.Length != 2 || !byte.TryParse(prefix, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _))
                continue;
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*.pack"))
            {
                var stem = Path.GetFileNameWithoutExtension(file.Name);
                if (stem.StartsWith(prefix, StringComparison.Ordinal) && IsName(stem))
                    yield return (stem, file.Length);
            }
        }
    }

    /// <summary>A read handle on a held pack (for serving it or answering a proof), or null when not held.</summary>
    public SafeFileHandle? OpenRead(string name)
    {
        try
        {
            return File.OpenHandle(PackPath(name), FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes a held pack, durably. Only the retention rule calls this, once the owner's signed decision has aged
    /// past the grace period (<see cref="Retention.RetirementRule"/>). Retiring a pack not held does nothing.
    /// </summary>
    public void Retire(string name)
    {
        var path = PackPath(name);
        if (!File.Exists(path))
            return;
        File.Delete(path);
        DurableFile.SyncDirectory(Path.GetDirectoryName(path)!);
    }

    public async Task PutAsync(BlobId name, Stream pack, CancellationToken cancellationToken)
    {
        var text = name.ToString();
        if (Holds(text))
            return;
        File.Delete(PartPath(text)); // a whole-stream Put starts afresh; it is not a resumable pull
        try
        {
            await AppendAsync(text, pack, 0, cancellationToken);
        }
        catch
        {
            File.Delete(PartPath(text));
            throw;
        }
        var outcome = Complete(text, ResumeOffset(text));
        if (!outcome.Accepted)
            throw new CorruptPackException(outcome.Refusal!);
    }

    Stream? IPackStore.OpenRead(BlobId name) => OpenRead(name.ToString()) is { } handle ? new FileStream(handle, FileAccess.Read) : null;

    public bool Contains(BlobId name) => Holds(name.ToString());

    public IEnumerable<BlobId> List() => Held().Select(pack => BlobId.Parse(pack.Name));

    private static string? Check(FileStream file, BlobId id, long expectedSize)
    {
        if (file.Length != expectedSize)
            return $"pack {id}: received {file.Length} bytes, expected {expectedSize}";
        try
        {
            PackVerifier.Verify(file, id);
            return null;
        }
        catch (CorruptPackException e)
        {
            return e.Message;
        }
        catch (EndOfStreamException e)
        {
            return $"pack {id}: {e.Message}";
        }
    }

    private void Place(string name, string part)
    {
        var final = PackPath(name);
        var directory = Path.GetDirectoryName(final)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            DurableFile.SyncDirectory(_packs);
        }
        File.Move(part, final, overwrite: false);
        DurableFile.SyncDirectory(directory);
        DurableFile.SyncDirectory(_incoming);
    }

    private string PackPath(string name) => LocalPackDirectory.PathIn(_packs, Checked(name));

    private string PartPath(string name) => Path.Combine(_incoming, Checked(name) + PartExtension);

    private static string Checked(string name) =>
        IsName(name) ? name : throw new ArgumentException($"not a pack name (\"{name}\"): 64 lowercase hex digits", nameof(name));

    private static BlobId Parse(string name) => BlobId.Parse(Checked(name));

    private static bool IsName(string name) => BlobId.TryParse(name, out var id) && string.Equals(id.ToString(), name, StringComparison.Ordinal);
}
