using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Api.Rpc;
using Chainweave.Consensus;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Merkle;
using Chainweave.Execution.Running;
using Chainweave.Node.Chain;
using Chainweave.Node.Pool;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Node.Api;

/// <summary>
/// The client operations, once: gRPC and HTTP/JSON are two thin encodings of these methods.
/// Bad requests become <see cref="ChainError"/>s with a code and a sentence.
/// </summary>
public sealed class ChainApi
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    private readonly ChainConfig _config;
    private readonly ICryptoSuite _suite;
    private readonly TxPool _pool;
    private readonly CommitHub _hub;
    private readonly LedgerStore _ledger;
    private readonly BlockExecutor _executor;
    private readonly LedgerStateReader _state;
    private readonly string _nodeName;
    private readonly byte[] _nodeId;
    private readonly Func<int> _peerCount;

    public ChainApi(ChainConfig config, ICryptoSuite suite, TxPool pool, CommitHub hub, LedgerStore ledger, BlockExecutor executor, string nodeName, byte[] nodeId, Func<int>? peerCount = null)
    {
        _peerCount = peerCount ?? (() => 0);
        _config = config;
        _suite = suite;
        _pool = pool;
        _hub = hub;
        _ledger = ledger;
        _executor = executor;
        _state = new LedgerStateReader(ledger);
        _nodeName = nodeName;
        _nodeId = nodeId;
    }

    public CommitHub Hub => _hub;

    public async Task<SubmitResponse> SubmitAsync(ReadOnlyMemory<byte> envelope, bool wait, uint timeoutMs, CancellationToken cancellationToken)
    {
        var waiter = wait ? new TaskWaiter() : null;
        var admission = _pool.Submit(envelope, waiter is null ? null : id => _hub.Expect(id, waiter));
        if (!admission.Accepted || waiter is null)
        {
            return Answer(admission);
        }

        var timeout = WaitTimeout(timeoutMs);
        var commit = await _hub.WaitAsync(admission.TxId, waiter, timeout, cancellationToken).ConfigureAwait(false);
        return commit is null ? TimedOut(admission.TxId, timeout) : Committed(admission.TxId, commit.Height, commit.Result);
    }

    /// <summary>
    /// Admits transactions of a stream together (their signatures are checked together). answers[i] is the
    /// answer for envelope i when it is known at once (refused, or accepted without waiting); null when
    /// expects[i] registered a waiter that will answer. txIds[i] is its transaction id.
    /// </summary>
    public void SubmitMany(ReadOnlySpan<ReadOnlyMemory<byte>> envelopes, ReadOnlySpan<Action<byte[]>?> expects, Span<SubmitResponse?> answers, Span<byte[]> txIds)
    {
        var admissions = new Admission[envelopes.Length];
        _pool.SubmitMany(envelopes, expects, admissions, fromPeer: false);
        for (var i = 0; i < admissions.Length; i++)
        {
            txIds[i] = admissions[i].TxId;
            answers[i] = !admissions[i].Accepted || expects[i] is null ? Answer(admissions[i]) : null;
        }
    }

    public static TimeSpan WaitTimeout(uint timeoutMs) =>
        timeoutMs == 0 ? DefaultWait : TimeSpan.FromMilliseconds(Math.Min(timeoutMs, LongestWait.TotalMilliseconds));

    public static SubmitResponse Committed(byte[] txId, ulong height, TxResult result) => new()
    {
        TxId = ByteString.CopyFrom(txId),
        Status = SubmitStatus.Committed,
        BlockHeight = height,
        Result = result,
    };

    public static SubmitResponse TimedOut(byte[] txId, TimeSpan timeout) => new()
    {
        TxId = ByteString.CopyFrom(txId),
        Status = SubmitStatus.Timeout,
        Code = ErrorCodes.TxTimeout,
        Message = $"Accepted, but not committed within {timeout.TotalSeconds:0.#} s; look it up later with its id.",
    };

    private static SubmitResponse Answer(Admission admission) => admission.Accepted
        ? new SubmitResponse { TxId = ByteString.CopyFrom(admission.TxId), Status = SubmitStatus.Accepted }
        : new SubmitResponse
        {
            TxId = ByteString.CopyFrom(admission.TxId),
            Status = SubmitStatus.Rejected,
            Code = admission.Code,
            Message = admission.Message,
        };

    public QueryResponse Query(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tip = _hub.LatestHeader;
        var response = _executor.Query(_state, new BlockContext(tip.Height, tip.TimestampMs), request.Contract, request.Method, request.Args);
        return response.Ok
            ? new QueryResponse { Value = ByteString.CopyFrom(response.Value) }
            : new QueryResponse { Code = response.Code, Message = response.Message };
    }

    public ChainInfo GetChainInfo() => new()
    {
        ChainId = _config.ChainId,
        Height = _ledger.Height ?? 0,
        Consensus = _config.Consensus,
        Crypto = _config.Crypto,
        LatestBlockHash = ByteString.CopyFrom(_ledger.TipHash ?? []),
        NodeName = _nodeName,
        NodeId = ByteString.CopyFrom(_nodeId),
        PoolSize = (uint)_pool.Count,
        PeerCount = (uint)_peerCount(),
        Config = _config,
    };

    public BlockInfo GetBlock(GetBlockRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Block? block;
        switch (request.ByCase)
        {
            case GetBlockRequest.ByOneofCase.Height:
                block = _ledger.GetBlock(request.Height);
                break;
            case GetBlockRequest.ByOneofCase.Hash:
                block = _ledger.GetBlockByHash(request.Hash.Span);
                break;
            default:
                block = _ledger.GetBlock(_ledger.Height ?? 0);
                break;
        }

        if (block is null)
        {
            throw new ChainError(ErrorCodes.NotFound, request.ByCase == GetBlockRequest.ByOneofCase.Hash
                ? "No block has that hash."
                : $"No block at height {request.Height}; the chain is at height {_ledger.Height ?? 0}.");
        }

        return Describe(block, includeTxs: true);
    }

    public BlockInfo Describe(Block block, bool includeTxs)
    {
        ArgumentNullException.ThrowIfNull(block);
        var header = BlockHeader.Parser.ParseFrom(block.Header);
        var info = new BlockInfo
        {
            Hash = ByteString.CopyFrom(_suite.Hash(block.Header.Span)),
            Header = header,
            Block = includeTxs ? block : new Block { Header = block.Header, Certificate = block.Certificate },
        };
        info.Results.AddRange(_ledger.GetBlockResults(header.Height));
        return info;
    }

    public TxInfo GetTx(ReadOnlySpan<byte> txId)
    {
        var location = _ledger.GetTxLocation(txId) ?? throw new ChainError(ErrorCodes.NotFound, $"No committed transaction {Convert.ToHexStringLower(txId)} on this chain (it may still be in the pool, or was never accepted).");
        var block = _ledger.GetBlock(location.Height) ?? throw new ChainError(ErrorCodes.StorageCorrupt, $"Block {location.Height} is indexed but missing.");
        var results = _ledger.GetBlockResults(location.Height);
        var envelope = TxEnvelope.Parser.ParseFrom(block.Txs[location.Index]);
        var leaves = new byte[results.Count][];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = results[i].TxId.ToByteArray();
        }

        var path = MerkleTree.CreateProof(_suite, leaves, location.Index);
        var proof = new MerkleProof
        {
            LeafIndex = (ulong)location.Index,
            TreeSize = (ulong)leaves.Length,
            Root = BlockHeader.Parser.ParseFrom(block.Header).TxRoot,
        };
        foreach (var sibling in path.Path)
        {
            proof.Path.Add(ByteString.CopyFrom(sibling));
        }

        return new TxInfo
        {
            TxId = ByteString.CopyFrom(txId),
            Envelope = envelope,
            Payload = TxPayload.Parser.ParseFrom(envelope.Payload),
            Result = results[location.Index],
            BlockHeight = location.Height,
            Index = (uint)location.Index,
            BlockHash = ByteString.CopyFrom(_suite.Hash(block.Header.Span)),
            Proof = proof,
        };
    }
}
