using System.Collections.Concurrent;

namespace CoStor.Appliance.Ingest;

/// <summary>
/// How many uploads each agent has running. An agent over its share is refused (429) rather than queued, so a
/// PC holding many slow uploads cannot take every one of the appliance's upload slots from the others.
/// </summary>
public sealed class UploadSlots(int perAgent)
{
    private readonly ConcurrentDictionary<string, int> _running = new();

    /// <summary>A lease to dispose when the upload ends, or null when the agent already runs its share.</summary>
    public IDisposable? TryEnter(string agentId)
    {
        while (true)
        {
            var current = _running.GetOrAdd(agentId, 0);
            if (current >= perAgent)
                return null;
            if (_running.TryUpdate(agentId, current + 1, current))
                return new Lease(this, agentId);
        }
    }

    public int PerAgent => perAgent;

    private void Leave(string agentId) => _running.AddOrUpdate(agentId, 0, (_, n) => n - 1);

    private sealed class Lease(UploadSlots owner, string agentId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                owner.Leave(agentId);
        }
    }
}
