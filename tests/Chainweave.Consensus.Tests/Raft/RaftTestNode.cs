using System.Collections.Concurrent;
using System.Net;
using Chainweave.Api.Config;
using Chainweave.Consensus;
using Chainweave.Consensus.Raft;
using Chainweave.Core.Crypto;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.SystemContracts;
using Chainweave.Storage;
using Chainweave.Storage.Ledger;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Tests.Raft;

/// <summary>
/// One member: its ledger (in memory, kept across engine restarts like a database on disk), its
/// pool, its Raft log folder and the engine, which can be stopped and started again.
/// </summary>
internal sealed class RaftTestNode : IAsyncDisposable
{
    private readonly IPEndPoint[] _members;
    private readonly RaftOptions _options;
    private readonly ILoggerFactory _logs;
    private readonly BlockAssembler _assembler;

    public RaftTestNode(
        ChainConfig config,
        ICryptoSuite suite,
        ISigner signer,
        IPEndPoint endpoint,
        IPEndPoint[] members,
        string folder,
        RaftOptions options,
        ConcurrentDictionary<string, PooledTx> validTxs,
        ILoggerFactory logs)
    {
        Pool = new SharedTxPool(validTxs);
        Signer = signer;
        NodeId = suite.Hash(signer.PublicKey.SubjectPublicKeyInfo);
        Endpoint = endpoint;
        Folder = folder;
        _members = members;
        _options = options;
        _logs = logs;
        Ledger = new LedgerStore(new MemoryKeyValueStore());
        var executor = new BlockExecutor(new ContractRegistry([new EvidenceContract()]), suite, 10_000_000);
        _assembler = new BlockAssembler(config, suite, executor);
        Ledger.InitGenesis(config, _assembler.Genesis());
    }

    public ISigner Signer { get; }

    public byte[] NodeId { get; }

    public IPEndPoint Endpoint { get; }

    public string Folder { get; }

    public LedgerStore Ledger { get; }

    public SharedTxPool Pool { get; }

    public CommitRecorder Commits { get; } = new();

    public RaftEngine? Engine { get; private set; }

    public ulong Height => Ledger.Height ?? 0;

    public void Start()
    {
        Engine = new RaftEngine(
            Endpoint, _members, Folder, Pool, _assembler, Ledger, Signer, NodeId, Commits, TimeProvider.System, maxTxs: 2, maxBytes: 1 << 20, _logs, _options);
        Engine.Start();
    }

    public async Task StopAsync()
    {
        if (Engine is { } engine)
        {
            Engine = null;
            await engine.DisposeAsync();
        }
    }

    public bool HasCommitted(IEnumerable<PooledTx> txs) => txs.All(tx => Ledger.ContainsTx(tx.TxId));

    public Task WaitForTxsAsync(IReadOnlyList<PooledTx> txs) =>
        Commits.WaitUntilAsync(() => HasCommitted(txs), RaftTestCluster.Patience);

    public Task WaitForHeightAsync(ulong height) =>
        Commits.WaitUntilAsync(() => Height >= height, RaftTestCluster.Patience);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Signer.Dispose();
    }
}
