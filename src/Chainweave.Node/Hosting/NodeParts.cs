using Chainweave.Api.Config;
using Chainweave.Consensus;
using Chainweave.Contracts.Wasm;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Core.Identity;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.Scheduling;
using Chainweave.Execution.State;
using Chainweave.Execution.SystemContracts;
using Chainweave.Network;
using Chainweave.Node.Api;
using Chainweave.Node.Chain;
using Chainweave.Node.Pool;
using Chainweave.Storage;
using Chainweave.Storage.Ledger;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Chainweave.Node.Hosting;

/// <summary>
/// The node's wiring, in plain code: every part is created here, in dependency order, and
/// disposed in reverse by <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class NodeParts : IAsyncDisposable
{
    private NodeParts(NodeConfig node, ChainConfig config, IKeyValueStore store, LedgerStore ledger, ISigner signer, IConsensusEngine engine, ChainApi api, TxPool pool, PeerNetwork? peers, WasmEngine wasm, ExecutionWorkers workers)
    {
        Wasm = wasm;
        Workers = workers;
        Pool = pool;
        Peers = peers;
        Node = node;
        Config = config;
        Store = store;
        Ledger = ledger;
        Signer = signer;
        Engine = engine;
        Api = api;
    }

    public NodeConfig Node { get; }

    public ChainConfig Config { get; }

    public IKeyValueStore Store { get; }

    public LedgerStore Ledger { get; }

    public ISigner Signer { get; }

    public IConsensusEngine Engine { get; }

    public ChainApi Api { get; }

    public TxPool Pool { get; }

    /// <summary>The node's one WebAssembly engine, shared by every installed contract; disposed last.</summary>
    public WasmEngine Wasm { get; }

    /// <summary>The threads that execute blocks; stopped after consensus, before the WebAssembly engine.</summary>
    public ExecutionWorkers Workers { get; }

    /// <summary>The links to the other nodes; null on a solo chain.</summary>
    public PeerNetwork? Peers { get; }

    /// <summary>Starts consensus, then the peer network that feeds it.</summary>
    public void Start()
    {
        Engine.Start();
        Peers?.Start(Engine as IConsensusInbox, new PoolTxSink(Pool), EngineWiring.SyncApplier(Engine));
    }

    public static NodeParts Build(string home, TimeProvider clock, ILoggerFactory logs)
    {
        var node = NodeConfig.Load(home);
        var config = GenesisFile.Load(Path.Combine(home, NetworkLayout.GenesisFileName));
        var suite = CryptoSuites.Get(config.Crypto);
        var signer = LoadConsensusKey(home, suite);
        var nodeId = suite.Hash(signer.PublicKey.SubjectPublicKeyInfo);
        var store = OpenStore(home, node);
        WasmEngine? wasm = null;
        ExecutionWorkers? workers = null;
        try
        {
            var ledger = new LedgerStore(store);
            var view = new LedgerChainView(ledger, config);
            wasm = new WasmEngine(logger: logs.CreateLogger("Chainweave.Contracts"));
            var registry = new ContractRegistry([new EvidenceContract(), new ChainQueryContract(view), new CertManageContract(view)], new WasmCodeLoader(wasm), view);
            workers = ExecutionWorkers.ForThisMachine();
            var executor = new BlockExecutor(registry, suite, config.Tx?.DefaultGasLimit ?? 10_000_000, new LedgerStateScanner(ledger), workers);
            var assembler = new BlockAssembler(config, suite, executor);
            EnsureGenesis(ledger, config, assembler);
            var members = new MemberResolver(config, suite, view, view);
            var peers = config.Consensus == "solo" ? null : PeerWiring.Create(home, config, suite, signer, nodeId, ledger, view, clock, logs);
            var pool = new TxPool(config, suite, members, registry, ledger, clock, peers);
            var hub = new CommitHub(ledger);
            var engine = EngineWiring.Create(home, node, config, suite, peers, pool, assembler, ledger, signer, nodeId, hub, clock, logs);
            var api = new ChainApi(config, suite, pool, hub, ledger, executor, node.Name, nodeId, peers is null ? null : () => peers.Connected.Count);
            return new NodeParts(node, config, store, ledger, signer, engine, api, pool, peers, wasm, workers);
        }
        catch
        {
            store.Dispose();
            signer.Dispose();
            workers?.Dispose();
            wasm?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Peers is not null)
        {
            await Peers.DisposeAsync().ConfigureAwait(false);
        }

        await Engine.DisposeAsync().ConfigureAwait(false);
        Store.Dispose();
        Signer.Dispose();

        // Last: no block execution or query can be running once consensus and the store are gone.
        Workers.Dispose();
        Wasm.Dispose();
    }

    private static void EnsureGenesis(LedgerStore ledger, ChainConfig config, BlockAssembler assembler)
    {
        if (ledger.Height is null)
        {
            ledger.InitGenesis(config, assembler.Genesis());
            return;
        }

        var stored = ledger.GetChainConfig();
        if (stored is null || !stored.AsSpan().SequenceEqual(config.ToByteArray()))
        {
            throw new ChainError(ErrorCodes.ConfigInvalid, "The node's data was created from a different genesis.json; restore the original genesis.json or start from an empty data folder.");
        }
    }

    private static IKeyValueStore OpenStore(string home, NodeConfig node)
    {
        if (string.Equals(node.Storage, NodeConfig.MemoryStorage, StringComparison.Ordinal))
        {
            return new MemoryKeyValueStore();
        }

        var path = Path.GetFullPath(Path.Combine(home, node.DataDir));
        Directory.CreateDirectory(path);
        return new RocksDbKeyValueStore(path);
    }

    private static ISigner LoadConsensusKey(string home, ICryptoSuite suite)
    {
        var path = Path.Combine(home, "keys", "consensus.key");
        if (!File.Exists(path))
        {
            throw new ChainError(ErrorCodes.IdentityInvalid, $"The node's consensus key {path} is missing; the node home was not made by `chainweave init`.");
        }

        return suite.ImportPrivateKey(Pem.Decode(File.ReadAllText(path), Pem.PrivateKeyLabel));
    }
}
