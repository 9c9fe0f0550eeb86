using System.Collections.Concurrent;
using System.Threading.Channels;
using Chainweave.Api.Ledger;
using Chainweave.Consensus;
using Chainweave.Core.Ledger;
using Chainweave.Storage.Ledger;

namespace Chainweave.Node.Chain;

/// <summary>
/// Tells clients about commits: completes the waits of submitters and feeds subscribers. Only
/// called after the block is durable, so nothing reported here can be lost.
/// </summary>
public sealed class CommitHub : ICommitListener
{
    private const int SubscriberBuffer = 256;

    private readonly LedgerStore _ledger;
    private readonly ConcurrentDictionary<TxKey, ICommitWaiter> _waiters = Pool.BusyMaps.Create<TxKey, ICommitWaiter>();
    private readonly ConcurrentDictionary<Channel<CommittedBlock>, byte> _subscribers = new();

    private BlockHeader _latestHeader;

    public CommitHub(LedgerStore ledger)
    {
        _ledger = ledger;
        var tip = ledger.GetBlock(ledger.Height ?? 0);
        _latestHeader = tip is null ? new BlockHeader() : BlockHeader.Parser.ParseFrom(tip.Header);
    }

    /// <summary>The header of the last committed block, kept here so queries need not read the ledger for it.</summary>
    public BlockHeader LatestHeader => Volatile.Read(ref _latestHeader);

    public void OnCommitted(CommittedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        Volatile.Write(ref _latestHeader, block.Header);
        if (!_waiters.IsEmpty)
        {
            for (var i = 0; i < block.TxIds.Count; i++)
            {
                if (_waiters.TryRemove(new TxKey(block.TxIds[i]), out var waiter))
                {
                    waiter.Committed(block.TxIds[i], block.Header.Height, block.Results[i]);
                }
            }
        }

        foreach (var subscriber in _subscribers.Keys)
        {
            if (!subscriber.Writer.TryWrite(block))
            {
                // A subscriber that cannot keep up is cut off rather than slowing every commit.
                subscriber.Writer.TryComplete(new SubscriberTooSlowException());
                _subscribers.TryRemove(subscriber, out _);
            }
        }
    }

    /// <summary>
    /// Announces that <paramref name="waiter"/> wants to hear of this transaction's commit. Called before
    /// the transaction enters the pool, so the commit cannot be missed and no ledger lookup is needed.
    /// </summary>
    public void Expect(byte[] txId, ICommitWaiter waiter) => _waiters[new TxKey(txId)] = waiter;

    /// <summary>Stops waiting; true when the commit had not been reported yet.</summary>
    public bool Forget(byte[] txId) => _waiters.TryRemove(new TxKey(txId), out _);

    /// <summary>Waits for one announced transaction's commit; null when it is not committed within the timeout.</summary>
    public async Task<TxCommit?> WaitAsync(byte[] txId, TaskWaiter waiter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waiter);
        try
        {
            return await waiter.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Forget(txId);
            return FromLedger(txId);
        }
        catch (OperationCanceledException)
        {
            Forget(txId);
            throw;
        }
    }

    /// <summary>A stream of committed blocks, from now on.</summary>
    public ChannelReader<CommittedBlock> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<CommittedBlock>(new BoundedChannelOptions(SubscriberBuffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _subscribers.TryAdd(channel, 0);
        cancellationToken.Register(() =>
        {
            _subscribers.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>The commit of a transaction as the ledger records it, or null.</summary>
    public TxCommit? FromLedger(byte[] txId)
    {
        var location = _ledger.GetTxLocation(txId);
        var result = location is null ? null : _ledger.GetTxResult(txId);
        return location is null || result is null ? null : new TxCommit(location.Value.Height, result);
    }
}

/// <summary>Where and how a transaction was committed.</summary>
public sealed record TxCommit(ulong Height, TxResult Result);

/// <summary>The subscriber fell more than its buffer behind the chain.</summary>
public sealed class SubscriberTooSlowException : Exception
{
    public SubscriberTooSlowException()
        : base("The subscriber fell too far behind the chain and was disconnected; subscribe again.")
    {
    }

    public SubscriberTooSlowException(string message)
        : base(message)
    {
    }

    public SubscriberTooSlowException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
