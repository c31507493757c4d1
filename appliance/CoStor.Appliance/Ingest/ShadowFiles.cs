using System.Collections.Concurrent;
using System.Globalization;
using CoStor.Appliance.Site;

namespace CoStor.Appliance.Ingest;

/// <summary>
/// The pool of <see cref="ShadowFile"/>s, one per concurrent upload at most, in the data directory's
/// <c>shadow/</c>. Their contents mean nothing, so what an earlier run left there is deleted at start.
/// </summary>
public sealed class ShadowFiles : IDisposable
{
    private readonly ConcurrentBag<ShadowFile> _idle = [];
    private readonly string _directory;
    private int _created;

    public ShadowFiles(DataDirectory data)
    {
        _directory = data.ShadowPath;
        Directory.CreateDirectory(_directory);
        foreach (var stale in Directory.EnumerateFiles(_directory))
            File.Delete(stale);
    }

    public ShadowFile Rent()
    {
        if (_idle.TryTake(out var file))
        {
            file.RecycleIfLong();
            return file;
        }
        var number = Interlocked.Increment(ref _created);
        return new ShadowFile(Path.Combine(_directory, number.ToString(CultureInfo.InvariantCulture)));
    }

    public void Return(ShadowFile file)
    {
        file.Discard();
        _idle.Add(file);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var file))
            file.Dispose();
    }
}
