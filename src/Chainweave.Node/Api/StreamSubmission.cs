using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Node.Chain;

namespace Chainweave.Node.Api;

/// <summary>
/// The answers of one SubmitStream call. Commits are reported straight into the answer queue by the
/// commit path — no task, timer or continuation per transaction — and one sweep per second answers
/// the transactions whose wait ran out.
/// </summary>
internal sealed class StreamSubmission : ICommitWaiter, IDisposable
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);

    private readonly CommitHub _hub;
    private readonly Channel<SubmitResponse> _answers = Channel.CreateUnbounded<SubmitResponse>();
    private readonly ConcurrentQueue<Deadline> _deadlines = new();
    private readonly Timer _sweeper;
    private int _pending;
    private int _requestsDone;

    public StreamSubmission(CommitHub hub)
    {
        _hub = hub;
        Expect = txId =>
        {
            Interlocked.Increment(ref _pending);
            _hub.Expect(txId, this);
        };
        _sweeper = new Timer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    /// <summary>Registers this stream as the waiter of an admitted transaction (see TxPool.Submit).</summary>
    public Action<byte[]> Expect { get; }

    public ChannelReader<SubmitResponse> Answers => _answers.Reader;

    /// <summary>Remembers when the wait for an admitted transaction ends.</summary>
    public void WaitUntil(byte[] txId, TimeSpan timeout) =>
        _deadlines.Enqueue(new Deadline(txId, Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency), timeout));

    public void Answer(SubmitResponse response) => _answers.Writer.TryWrite(response);

    public void Committed(byte[] txId, ulong height, TxResult result)
    {
        _answers.Writer.TryWrite(ChainApi.Committed(txId, height, result));
        Settle();
    }

    /// <summary>No more requests: the answer queue ends once every waiting transaction is answered.</summary>
    public void RequestsDone()
    {
        Volatile.Write(ref _requestsDone, 1);
        if (Volatile.Read(ref _pending) == 0)
        {
            _answers.Writer.TryComplete();
        }
    }

    /// <summary>The call ended: stop waiting for anything.</summary>
    public void Dispose()
    {
        _sweeper.Dispose();
        while (_deadlines.TryDequeue(out var deadline))
        {
            _hub.Forget(deadline.TxId);
        }

        _answers.Writer.TryComplete();
    }

    private void Settle()
    {
        if (Interlocked.Decrement(ref _pending) == 0 && Volatile.Read(ref _requestsDone) == 1)
        {
            _answers.Writer.TryComplete();
        }
    }

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        while (_deadlines.TryPeek(out var head) && head.At <= now && _deadlines.TryDequeue(out head))
        {
            if (!_hub.Forget(head.TxId))
            {
                continue; // Answered already.
            }

            var commit = _hub.FromLedger(head.TxId);
            _answers.Writer.TryWrite(commit is null
                ? ChainApi.TimedOut(head.TxId, head.Timeout)
                : ChainApi.Committed(head.TxId, commit.Height, commit.Result));
            Settle();
        }
    }

    private readonly record struct Deadline(byte[] TxId, long At, TimeSpan Timeout);
}
