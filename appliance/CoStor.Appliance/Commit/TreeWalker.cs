using System.Buffers;
using System.Collections.Concurrent;
using CoStor.Appliance.Catalogue;
using CoStor.Appliance.Storage;
using CoStor.Core;
using CoStor.Core.Blobs;
using CoStor.Core.Errors;
using CoStor.Core.Trees;

namespace CoStor.Appliance.Commit;

/// <summary>
/// Checks a snapshot's trees before it is committed: every tree reachable from the root and every chunk they
/// name must have been uploaded by the committing agent; trees are decrypted with the agent's metadata key only
/// by the appliance. Trees verified by an earlier commit are not walked again.
/// </summary>
public sealed class TreeWalker(CatalogueDatabase database, PackStore packs)
{
    private const int MaxReportedMissing = 20;
    private const int MaxPendingChunks = 16384;

    /// <summary>
    /// Walks the trees not verified before on parallel threads (a first backup's walk decrypts and decodes
    /// thousands of trees and checks every chunk's ownership). The threads share one stack of trees to visit:
    /// a tree's subtrees are pushed as it is decoded, and a thread that finds the stack empty waits only while
    /// another may still push. Level by level, each level's end made every thread wait for the slowest tree,
    /// and a walk is as many levels as its deepest path.
    /// </summary>
    public TreeWalk Walk(string agentId, BlobRef root)
    {
        var problems = new ConcurrentQueue<string>();
        var newTrees = new ConcurrentQueue<BlobId>();
        var pending = new TreeStack(root);
        Parallel.For(0, Environment.ProcessorCount, Parallelism.AllCores, _ =>
        {
            using var worker = new WalkWorker(database, packs, agentId, problems);
            var spin = new SpinWait();
            while (!pending.Finished)
            {
                if (!pending.TryPop(out var tree))
                {
                    spin.SpinOnce();
                    continue;
                }
                spin.Reset();
                try
                {
                    if (problems.Count < MaxReportedMissing)
                        worker.Visit(tree, pending, newTrees);
                }
                catch
                {
                    // The other threads stop too, rather than wait for a tree that will never be visited.
                    pending.Abandon();
                    throw;
                }
                pending.Visited();
            }
            worker.CheckChunks();
        });
        return new TreeWalk([.. problems.Take(MaxReportedMissing)], [.. newTrees]);
    }


    /// <summary>One walking thread's connection, prepared statements, open pack and pending chunk ids.</summary>
    private sealed class WalkWorker : IDisposable
    {
        private readonly Microsoft.Data.Sqlite.SqliteConnection _connection;
        private readonly Microsoft.Data.Sqlite.SqliteCommand _ownedLocation;
        private readonly PackReadSession _reader;
        private readonly string _agentId;
        private readonly ConcurrentQueue<string> _problems;
        // Data blob ids still to check, looked up many per statement (bounded, so memory stays flat).
        private readonly HashSet<BlobId> _chunks = [];

        public WalkWorker(CatalogueDatabase database, PackStore packs, string agentId, ConcurrentQueue<string> problems)
        {
            _connection = database.Connect();
            _ownedLocation = BlobIndex.PrepareOwnedLocation(_connection, agentId);
            _reader = new PackReadSession(packs);
            _agentId = agentId;
            _problems = problems;
        }

        /// <summary>Visits one tree: checks it is this agent's, decodes it, pushes its subtrees and queues its chunks.</summary>
        public void Visit(BlobRef tree, TreeStack subtrees, ConcurrentQueue<BlobId> newTrees)
        {
            if (_problems.Count >= MaxReportedMissing)
                return;
            if (BlobIndex.OwnedLocation(_ownedLocation, tree.Id) is not { } owned)
            {
                _problems.Enqueue($"tree {tree.Id} is missing");
                return;
            }
            if (owned.Verified)
                return;
            if (owned.Location is not { } location)
            {
                _problems.Enqueue($"tree {tree.Id} cannot be read: it is not in the blob index");
                return;
            }
            IReadOnlyList<TreeNode> nodes;
            // Pooled: a first backup's commit reads thousands of trees, and a fresh array for each was
            // mostly spent faulting in new pages.
            var rented = ArrayPool<byte>.Shared.Rent(location.Length);
            try
            {
                var blob = rented.AsSpan(0, location.Length);
                _reader.Read(location, blob);
                nodes = TreeBlob.Open(tree, blob);
            }
            catch (CoStorException e)
            {
                _problems.Enqueue($"tree {tree.Id} cannot be read: {e.Message}");
                return;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
            foreach (var node in nodes)
            {
                if (node.Subtree is { } subtree)
                    subtrees.Push(subtree);
                foreach (var chunk in node.Content)
                    _chunks.Add(chunk.Ref.Id);
            }
            if (_chunks.Count >= MaxPendingChunks)
                CheckChunks();
            newTrees.Enqueue(tree.Id);
        }

        public void Dispose()
        {
            _reader.Dispose();
            _ownedLocation.Dispose();
            _connection.Dispose();
        }

        /// <summary>Checks the chunk ids still pending.</summary>
        public void CheckChunks()
        {
            if (_problems.Count < MaxReportedMissing)
                foreach (var missing in BlobIndex.NotOwned(_connection, _agentId, _chunks).Take(MaxReportedMissing))
                    _problems.Enqueue($"data blob {missing} is missing");
            _chunks.Clear();
        }
    }

    /// <summary>
    /// Trees still to visit, shared by the walking threads. A tree counts as outstanding from its push until
    /// <see cref="Visited"/> after its visit (which pushed its subtrees first), so the count reaches zero only
    /// once every tree was visited; while it is above zero and the stack is empty, some thread is visiting a
    /// tree and may push more.
    /// </summary>
    private sealed class TreeStack
    {
        private readonly ConcurrentStack<BlobRef> _trees = new();
        // Every tree pushed so far: a tree named by several directories (identical directories, or a hostile
        // chain of trees each naming the next twice) is visited once, so a walk is bounded by the distinct trees.
        private readonly ConcurrentDictionary<BlobId, byte> _seen = new();
        private int _outstanding;

        public TreeStack(BlobRef root) => Push(root);

        private volatile bool _abandoned;

        public bool Finished => _abandoned || Volatile.Read(ref _outstanding) == 0;

        /// <summary>Ends the walk for every thread (one of them failed).</summary>
        public void Abandon() => _abandoned = true;

        public void Push(BlobRef tree)
        {
            if (!_seen.TryAdd(tree.Id, 0))
                return;
            Interlocked.Increment(ref _outstanding);
            _trees.Push(tree);
        }

        public bool TryPop(out BlobRef tree) => _trees.TryPop(out tree);

        public void Visited() => Interlocked.Decrement(ref _outstanding);
    }

    /// <summary>The first problems found (empty: the snapshot is complete) and the trees verified on the way.</summary>
    public sealed record TreeWalk(List<string> Problems, List<BlobId> NewTrees);
}
