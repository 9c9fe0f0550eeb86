using System.Threading.Channels;
using Chainweave.Api.Config;
using Chainweave.Api.Consensus;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Storage.Ledger;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// The `tbft` engine: a <see cref="TbftReplica"/> on one thread that takes its inputs — peer messages,
/// timers, transaction arrivals, synced blocks — from one queue. Signatures of incoming messages are
/// checked on the caller's thread in <see cref="Deliver"/>, so bad peers cost the loop nothing.
/// </summary>
public sealed class TbftEngine : IConsensusEngine, IConsensusInbox, ITbftScheduler
{
    private readonly TbftReplica _replica;
    private readonly ITxSource _source;
    private readonly TimeProvider _clock;
    private readonly Channel<Action> _inputs = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _timersLock = new();
    private readonly HashSet<ITimer> _timers = [];
    private int _waitingForTxs;
    private Task _loop = Task.CompletedTask;

    public TbftEngine(
        ChainConfig config,
        ICryptoSuite suite,
        ITxSource source,
        BlockAssembler assembler,
        LedgerStore ledger,
        ISigner signer,
        byte[] nodeId,
        ICommitListener listener,
        IConsensusTransport transport,
        TimeProvider clock,
        TbftOptions options,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        _source = source;
        _clock = clock;
        Validators = new TbftValidatorSet(config, suite);
        _replica = new TbftReplica(Validators, assembler, ledger, source, listener, signer, nodeId, transport, this, clock, options, logger);
        _replica.BehindDetected += (_, e) => BehindDetected?.Invoke(this, e);
    }

    public string Name => "tbft";

    public Task Completion => _loop;

    public TbftValidatorSet Validators { get; }

    /// <summary>The height being decided.</summary>
    public ulong CurrentHeight => _replica.CurrentHeight;

    /// <summary>The highest committed height a peer reported in its status (0 when none did yet).</summary>
    public ulong HighestPeerCommittedHeight => _replica.HighestPeerCommittedHeight;

    /// <summary>Raised on the engine's thread when a peer reports a committed height more than one above this node's.</summary>
    public event EventHandler<PeerAheadEventArgs>? BehindDetected;

    public void Start()
    {
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public async Task StopAsync()
    {
        _inputs.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out of the loop.
        }

        lock (_timersLock)
        {
            foreach (var timer in _timers)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _replica.Dispose();
        _stop.Dispose();
    }

    public Delivery Deliver(ReadOnlySpan<byte> fromNodeId, ConsensusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var verdict = _replica.Check(message);
        if (verdict == Delivery.Accepted)
        {
            var from = fromNodeId.ToArray();
            Post(() => _replica.OnMessage(from, message));
        }

        return verdict;
    }

    /// <summary>Block sync: checks and commits the block after the tip on the engine's thread.</summary>
    public Task<SyncResult> ApplyCommittedBlockAsync(Block blockWithCertificate, CancellationToken ct) =>
        ApplyCommittedBlockAsync(blockWithCertificate, moreFollow: false, ct);

    /// <inheritdoc cref="ApplyCommittedBlockAsync(Block, CancellationToken)"/>
    /// <param name="moreFollow">See <see cref="TbftReplica.ApplyCommittedBlock"/>.</param>
    public Task<SyncResult> ApplyCommittedBlockAsync(Block blockWithCertificate, bool moreFollow, CancellationToken ct)
    {
        var result = new TaskCompletionSource<SyncResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var registration = ct.Register(() => result.TrySetCanceled(ct));
        if (!_inputs.Writer.TryWrite(() =>
            {
                registration.Dispose();
                if (result.Task.IsCompleted)
                {
                    return;
                }

                try
                {
                    result.TrySetResult(_replica.ApplyCommittedBlock(blockWithCertificate, moreFollow));
                }
                catch (Exception error)
                {
                    result.TrySetException(error);
                    throw;
                }
            }))
        {
            registration.Dispose();
            result.TrySetException(new InvalidOperationException("The TBFT engine is stopped."));
        }

        return result.Task;
    }

    void ITbftScheduler.Schedule(TbftTimeout timeout, TimeSpan after)
    {
        ITimer? timer = null;
        timer = _clock.CreateTimer(
            _ =>
            {
                lock (_timersLock)
                {
                    _timers.Remove(timer!);
                }

                timer?.Dispose();
                Post(() => _replica.OnTimeout(timeout));
            },
            null,
            after,
            Timeout.InfiniteTimeSpan);
        lock (_timersLock)
        {
            _timers.Add(timer);
        }
    }

    void ITbftScheduler.NotifyWhenTransactionsWait(ulong height)
    {
        if (Interlocked.Exchange(ref _waitingForTxs, 1) == 1)
        {
            return;
        }

        _ = WaitForTxsAsync(height);
    }

    private async Task WaitForTxsAsync(ulong height)
    {
        try
        {
            await _source.WaitForTransactionsAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            Interlocked.Exchange(ref _waitingForTxs, 0);
        }

        // The replica ignores a stale height, so asking at a later height is harmless.
        Post(() => _replica.OnTxsAvailable(Math.Max(height, _replica.CurrentHeight)));
    }

    private void Post(Action input) => _inputs.Writer.TryWrite(input);

    private async Task Run()
    {
        _replica.Start();
        var reader = _inputs.Reader;
        while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
        {
            while (reader.TryRead(out var input))
            {
                _stop.Token.ThrowIfCancellationRequested();
                input();
            }
        }
    }
}
