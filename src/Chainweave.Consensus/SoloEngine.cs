using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Storage.Ledger;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus;

/// <summary>
/// One node decides alone (development and single-organisation chains). A block is cut as soon as
/// transactions wait; while one block is written, the next fills up, so batches grow with load.
/// Block time never goes backwards, even if the wall clock does.
/// </summary>
public sealed partial class SoloEngine : IConsensusEngine
{
    private readonly ITxSource _source;
    private readonly BlockAssembler _assembler;
    private readonly LedgerStore _ledger;
    private readonly ISigner _signer;
    private readonly byte[] _nodeId;
    private readonly ICommitListener _listener;
    private readonly TimeProvider _clock;
    private readonly int _maxTxs;
    private readonly long _maxBytes;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly LedgerStateReader _state;
    private Task _loop = Task.CompletedTask;

    public SoloEngine(
        ITxSource source,
        BlockAssembler assembler,
        LedgerStore ledger,
        ISigner signer,
        byte[] nodeId,
        ICommitListener listener,
        TimeProvider clock,
        int maxTxs,
        long maxBytes,
        ILogger logger)
    {
        _source = source;
        _assembler = assembler;
        _ledger = ledger;
        _signer = signer;
        _nodeId = nodeId;
        _listener = listener;
        _clock = clock;
        _maxTxs = maxTxs;
        _maxBytes = maxBytes;
        _logger = logger;
        _state = new LedgerStateReader(ledger);
    }

    public string Name => "solo";

    public Task Completion => _loop;

    public void Start()
    {
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected way out of the loop.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        var height = _ledger.Height ?? throw new InvalidOperationException("The ledger has no genesis block.");
        var previousHash = _ledger.TipHash ?? throw new InvalidOperationException("The ledger has no tip hash.");
        var previousTime = BlockHeader.Parser.ParseFrom(_ledger.GetBlock(height)!.Header).TimestampMs;
        var batch = new List<PooledTx>(_maxTxs);
        while (!token.IsCancellationRequested)
        {
            await _source.WaitForTransactionsAsync(token).ConfigureAwait(false);
            batch.Clear();
            _source.TakeBatch(_maxTxs, _maxBytes, batch);
            if (batch.Count == 0)
            {
                continue;
            }

            var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            var time = Math.Max(now, previousTime + 1);
            var block = _assembler.Assemble(height + 1, previousHash, time, batch, _state, _signer, _nodeId);
            _ledger.CommitBlock(block);
            height++;
            previousHash = block.Hash;
            previousTime = time;
            _source.Committed(block.TxIds);
            _listener.OnCommitted(block);
            LogCommitted(height, batch.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed block {Height} with {Count} transactions")]
    private partial void LogCommitted(ulong height, int count);
}
