using System.Collections.Concurrent;
using Chainweave.Consensus;

namespace Chainweave.Consensus.Tests.Raft;

/// <summary>
/// A pool as gossip leaves it: every member's pool is handed the same transactions. Resolve answers
/// any transaction of the test network (<paramref name="valid"/>), as a real pool admits any valid
/// transaction it has not seen, so followers can re-execute the leader's blocks.
/// </summary>
internal sealed class SharedTxPool(ConcurrentDictionary<string, PooledTx> valid) : ITxSource
{
    private readonly Lock _lock = new();
    private readonly List<PooledTx> _waiting = [];
    private readonly HashSet<string> _committed = new(StringComparer.Ordinal);
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _resolveCalls;

    /// <summary>How often a block this member did not build made it resolve a transaction.</summary>
    public int ResolveCalls => Volatile.Read(ref _resolveCalls);

    /// <summary>When set, Resolve refuses everything (a member that disagrees with its leader).</summary>
    public bool RefuseAll { get; set; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _waiting.Count;
            }
        }
    }

    public void Add(IEnumerable<PooledTx> txs)
    {
        lock (_lock)
        {
            foreach (var tx in txs)
            {
                if (!_committed.Contains(Convert.ToHexString(tx.TxId)))
                {
                    _waiting.Add(tx);
                }
            }

            SignalIfWaiting();
        }
    }

    public Task WaitForTransactionsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return _waiting.Count > 0 ? Task.CompletedTask : _arrived.Task.WaitAsync(cancellationToken);
        }
    }

    public void TakeBatch(int maxTxs, long maxBytes, List<PooledTx> batch)
    {
        lock (_lock)
        {
            var take = Math.Min(maxTxs, _waiting.Count);
            batch.AddRange(_waiting.GetRange(0, take));
            _waiting.RemoveRange(0, take);
        }
    }

    public void Committed(IReadOnlyList<byte[]> txIds)
    {
        lock (_lock)
        {
            foreach (var id in txIds)
            {
                _committed.Add(Convert.ToHexString(id));
            }

            _waiting.RemoveAll(tx => _committed.Contains(Convert.ToHexString(tx.TxId)));
        }
    }

    public void Requeue(IReadOnlyList<PooledTx> txs)
    {
        lock (_lock)
        {
            var back = new List<PooledTx>(txs.Count);
            foreach (var tx in txs)
            {
                if (!_committed.Contains(Convert.ToHexString(tx.TxId)) && !_waiting.Contains(tx))
                {
                    back.Add(tx);
                }
            }

            _waiting.InsertRange(0, back);
            SignalIfWaiting();
        }
    }

    public PooledTx? Resolve(ReadOnlyMemory<byte> envelope, long blockTimeMs, out string errorCode, out string errorMessage)
    {
        Interlocked.Increment(ref _resolveCalls);
        if (!RefuseAll && valid.TryGetValue(Convert.ToHexString(envelope.Span), out var tx))
        {
            errorCode = string.Empty;
            errorMessage = string.Empty;
            return tx;
        }

        errorCode = "TX_UNKNOWN";
        errorMessage = "this member refuses the transaction";
        return null;
    }

    private void SignalIfWaiting()
    {
        if (_waiting.Count > 0)
        {
            _arrived.TrySetResult();
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
