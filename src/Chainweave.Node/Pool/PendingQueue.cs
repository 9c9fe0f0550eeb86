using Chainweave.Consensus;

namespace Chainweave.Node.Pool;

/// <summary>A transaction known to the pool; <see cref="Node"/> is set while it waits in the queue.</summary>
internal sealed class PoolEntry(PooledTx tx)
{
    public PooledTx Tx { get; } = tx;

    public LinkedListNode<PoolEntry>? Node { get; set; }
}

/// <summary>
/// Admitted transactions waiting for a block, oldest first. A transaction leaves when it is taken for
/// a block or when a block built elsewhere commits it, so a node that never proposes (a Raft follower,
/// a validator between its turns) does not keep what others already committed. One short lock: every
/// operation is a few pointer moves.
/// </summary>
internal sealed class PendingQueue
{
    private readonly Lock _gate = new();
    private readonly LinkedList<PoolEntry> _order = new();
    private TaskCompletionSource _available = NewSignal();
    private int _count;
    private long _bytes;

    public int Count => Volatile.Read(ref _count);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Add(PoolEntry entry)
    {
        lock (_gate)
        {
            entry.Node = _order.AddLast(entry);
            Account(entry, +1);
            _available.TrySetResult();
        }
    }

    /// <summary>
    /// Puts back at the front, in the given order, transactions taken for a block that did not commit;
    /// those for which <paramref name="stillPending"/> says no (committed meanwhile) are skipped. The
    /// check runs under the lock so a concurrent commit cannot slip in between.
    /// </summary>
    public void Return(IReadOnlyList<PoolEntry> entries, Func<PoolEntry, bool> stillPending)
    {
        lock (_gate)
        {
            for (var i = entries.Count - 1; i >= 0; i--)
            {
                var entry = entries[i];
                if (entry.Node is null && stillPending(entry))
                {
                    entry.Node = _order.AddFirst(entry);
                    Account(entry, +1);
                }
            }

            if (_order.Count > 0)
            {
                _available.TrySetResult();
            }
        }
    }

    /// <summary>Takes a waiting transaction out; nothing happens when it was already taken.</summary>
    public void Remove(PoolEntry entry)
    {
        lock (_gate)
        {
            if (entry.Node is { } node)
            {
                _order.Remove(node);
                entry.Node = null;
                Account(entry, -1);
            }
        }
    }

    /// <summary>Moves up to maxTxs (and about maxBytes) of the oldest transactions into batch.</summary>
    public void Take(int maxTxs, long maxBytes, List<PooledTx> batch)
    {
        long bytes = 0;
        lock (_gate)
        {
            while (batch.Count < maxTxs && bytes < maxBytes && _order.First is { } first)
            {
                _order.RemoveFirst();
                var entry = first.Value;
                entry.Node = null;
                Account(entry, -1);
                bytes += entry.Tx.Envelope.Length;
                batch.Add(entry.Tx);
            }
        }
    }

    /// <summary>The oldest waiting envelopes, up to max, without taking them (for a peer that just connected).</summary>
    public List<byte[]> Peek(int max)
    {
        var envelopes = new List<byte[]>(Math.Min(max, 1024));
        lock (_gate)
        {
            for (var node = _order.First; node is not null && envelopes.Count < max; node = node.Next)
            {
                envelopes.Add(node.Value.Tx.Envelope);
            }
        }

        return envelopes;
    }

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_order.Count > 0)
            {
                return Task.CompletedTask;
            }

            if (_available.Task.IsCompleted)
            {
                _available = NewSignal();
            }

            return _available.Task.WaitAsync(cancellationToken);
        }
    }

    private void Account(PoolEntry entry, int sign)
    {
        Volatile.Write(ref _count, _count + sign);
        Interlocked.Add(ref _bytes, sign * entry.Tx.Envelope.Length);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
