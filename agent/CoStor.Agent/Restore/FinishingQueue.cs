using System.Threading.Channels;

namespace CoStor.Agent.Restore;

/// <summary>
/// Runs the finishing work of a restore — closing files, applying metadata, closing directories — on a
/// second thread, strictly in the order it was queued, while the main loop goes on creating and writing the
/// next entries. On a journaling file system each entry costs several metadata system calls; doing them on
/// another core roughly halves a restore of many small files. FIFO order keeps the contract that a
/// directory's metadata is applied after everything inside it.
/// </summary>
internal sealed class FinishingQueue : IDisposable
{
    // Actions travel in groups: one hand-over per action would cost more in thread wake-ups than the
    // system calls it moves off the main loop.
    private const int GroupSize = 64;
    private readonly Channel<List<Action>> _work = Channel.CreateBounded<List<Action>>(new BoundedChannelOptions(128) { SingleReader = true, SingleWriter = true });
    private readonly Task _worker;
    private List<Action> _group = new(GroupSize);

    public FinishingQueue() => _worker = Task.Run(RunAsync);

    public ValueTask EnqueueAsync(Action action, CancellationToken cancellationToken)
    {
        _group.Add(action);
        if (_group.Count < GroupSize)
            return ValueTask.CompletedTask;
        var full = _group;
        _group = new List<Action>(GroupSize);
        return _work.Writer.WriteAsync(full, cancellationToken);
    }

    /// <summary>Waits until every queued action ran.</summary>
    public async Task DrainAsync()
    {
        if (_group.Count > 0)
        {
            var rest = _group;
            _group = [];
            await _work.Writer.WriteAsync(rest);
        }
        _work.Writer.TryComplete();
        await _worker;
    }

    /// <summary>Keeps consuming after a failure (so the producer never blocks on a full queue) and rethrows the first one at the end.</summary>
    private async Task RunAsync()
    {
        Exception? first = null;
        await foreach (var group in _work.Reader.ReadAllAsync())
        {
            foreach (var action in group)
            {
                try
                {
                    action();
                }
                catch (Exception e)
                {
                    first ??= e;
                }
            }
        }
        if (first is not null)
            throw new IOException($"finishing restored entries failed: {first.Message}", first);
    }

    public void Dispose() => DrainAsync().GetAwaiter().GetResult();
}
