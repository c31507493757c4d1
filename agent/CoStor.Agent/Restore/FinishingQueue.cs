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
    private readonly Channel<Action> _work = Channel.CreateBounded<Action>(new BoundedChannelOptions(8192) { SingleReader = true, SingleWriter = true });
    private readonly Task _worker;

    public FinishingQueue() => _worker = Task.Run(RunAsync);

    public ValueTask EnqueueAsync(Action action, CancellationToken cancellationToken) => _work.Writer.WriteAsync(action, cancellationToken);

    /// <summary>Waits until every queued action ran.</summary>
    public Task DrainAsync()
    {
        _work.Writer.TryComplete();
        return _worker;
    }

    /// <summary>Keeps consuming after a failure (so the producer never blocks on a full queue) and rethrows the first one at the end.</summary>
    private async Task RunAsync()
    {
        Exception? first = null;
        await foreach (var action in _work.Reader.ReadAllAsync())
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
        if (first is not null)
            throw new IOException($"finishing restored entries failed: {first.Message}", first);
    }

    public void Dispose() => DrainAsync().GetAwaiter().GetResult();
}
