using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Chainweave.Api.Ledger;
using Chainweave.Contracts.Wasm;
using Chainweave.Core.Crypto;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.Scheduling;
using Chainweave.Execution.State;
using Google.Protobuf;

namespace Chainweave.Benchmarks.Wasm;

/// <summary>
/// A block of 10,000 token transfers between distinct accounts (no conflicts), executed in order on one
/// thread and in parallel on the node's executor threads. Target: parallel >= 1.7x sequential on 2 cores.
/// </summary>
[MemoryDiagnoser]
public class ParallelBlockBenchmarks
{
    private const int Transfers = 10_000;
    private static readonly BlockContext Block = new(2, 1_700_000_000_000);
    private readonly StateTable _state = new();
    private WasmEngine _engine = null!;
    private ExecutionWorkers _workers = null!;
    private BlockExecutor _sequential = null!;
    private BlockExecutor _parallel = null!;
    private ExecutableTx[] _block = [];

    [GlobalSetup]
    public void Setup()
    {
        _engine = new WasmEngine();
        _workers = ExecutionWorkers.ForThisMachine();
        var registry = new ContractRegistry([new WasmContract("TOKEN", File.ReadAllBytes(WasmTokenBenchmarks.TokenWasmPath()), _engine)]);
        var suite = CryptoSuites.Get("nist");
        _sequential = new BlockExecutor(registry, suite, 10_000_000);
        _parallel = new BlockExecutor(registry, suite, 10_000_000, scanner: null, _workers);

        var admin = new SenderInfo("org1", "admin", SHA256.HashData("admin"u8));
        var mints = new ExecutableTx[Transfers];
        _block = new ExecutableTx[Transfers];
        for (var i = 0; i < Transfers; i++)
        {
            var holder = SHA256.HashData(Encoding.UTF8.GetBytes($"holder-{i}"));
            mints[i] = Tx(mints.Length + i, admin, "mint", ("to", holder), ("amount", "1000"u8.ToArray()));
            _block[i] = Tx(i, new SenderInfo("org1", "client", holder), "transfer", ("to", SHA256.HashData(Encoding.UTF8.GetBytes($"payee-{i}"))), ("amount", "1"u8.ToArray()));
        }

        var minted = _sequential.Execute(_state, new BlockContext(1, Block.TimeMs - 1), mints);
        _state.Apply(minted.Changes);
        if (Sequential().Results[0].Status != TxStatus.Success)
        {
            throw new InvalidOperationException($"transfer failed: {Sequential().Results[0]}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _workers.Dispose();
        _engine.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ExecutionOutput Sequential() => _sequential.Execute(_state, Block, _block);

    [Benchmark]
    public ExecutionOutput Parallel() => _parallel.Execute(_state, Block, _block);

    [Benchmark]
    public ExecutionOutput ParallelAlongDag() => _parallel.ExecuteAlongDag(_state, Block, _block, EmptyDag());

    private Dag EmptyDag()
    {
        var dag = new Dag();
        for (var i = 0; i < _block.Length; i++)
        {
            dag.Txs.Add(new Dag.Types.Deps());
        }

        return dag;
    }

    private static ExecutableTx Tx(int id, SenderInfo sender, string method, params (string Key, byte[] Value)[] args)
    {
        var payload = new TxPayload { ChainId = "bench", Contract = "TOKEN", Method = method };
        foreach (var (key, value) in args)
        {
            payload.Args.Add(new Arg { Key = key, Value = ByteString.CopyFrom(value) });
        }

        return new ExecutableTx(BitConverter.GetBytes(id), payload, sender);
    }

    /// <summary>Committed state in a dictionary: the benchmark measures execution, not storage.</summary>
    private sealed class StateTable : IStateReader
    {
        private readonly Dictionary<StateKey, byte[]> _entries = [];

        public byte[]? Get(string contract, ReadOnlySpan<byte> key) =>
            _entries.GetValueOrDefault(new StateKey(contract, key.ToArray()));

        public void Apply(IReadOnlyList<Storage.Ledger.StateWrite> changes)
        {
            foreach (var change in changes)
            {
                if (change.Value is null)
                {
                    _entries.Remove(new StateKey(change.Contract, change.Key));
                }
                else
                {
                    _entries[new StateKey(change.Contract, change.Key)] = change.Value;
                }
            }
        }
    }
}
