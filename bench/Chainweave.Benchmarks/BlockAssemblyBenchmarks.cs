using System.Text;
using BenchmarkDotNet.Attributes;
using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Consensus;
using Chainweave.Core.Crypto;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.SystemContracts;
using Chainweave.Storage;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Benchmarks;

/// <summary>
/// Block production after admission: execute 10,000 evidence puts, build the roots and header,
/// sign the commit vote, and write the block in one synced RocksDB batch.
/// </summary>
[MemoryDiagnoser]
public class BlockAssemblyBenchmarks
{
    private const int Txs = 10_000;
    private readonly ICryptoSuite _suite = CryptoSuites.Get("nist");
    private string _dir = string.Empty;
    private RocksDbKeyValueStore _store = null!;
    private LedgerStore _ledger = null!;
    private BlockAssembler _assembler = null!;
    private ISigner _signer = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "cw-bench-" + Guid.NewGuid().ToString("N")[..8]);
        _store = new RocksDbKeyValueStore(_dir);
        _ledger = new LedgerStore(_store);
        var config = new ChainConfig { ChainId = "bench", Crypto = "nist", Consensus = "solo" };
        var executor = new BlockExecutor(new ContractRegistry([new EvidenceContract()]), _suite, 10_000_000);
        _assembler = new BlockAssembler(config, _suite, executor);
        _ledger.InitGenesis(config, _assembler.Genesis());
        _signer = _suite.GenerateKey();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Txs)]
    public void BuildTransactions() => NewBatch();

    [Benchmark(OperationsPerInvoke = Txs)]
    public CommittedBlock ExecuteOnly()
    {
        var txs = NewBatch();
        var height = _ledger.Height!.Value + 1;
        return _assembler.Assemble(height, _ledger.TipHash!, (long)height, txs, new LedgerStateReader(_ledger), _signer, new byte[32]);
    }

    [Benchmark(OperationsPerInvoke = Txs)]
    public void ExecuteAndCommitBlock()
    {
        var txs = NewBatch();
        var height = _ledger.Height!.Value + 1;
        var block = _assembler.Assemble(height, _ledger.TipHash!, (long)height, txs, new LedgerStateReader(_ledger), _signer, new byte[32]);
        _ledger.CommitBlock(block);
    }

    private List<PooledTx> NewBatch()
    {
        var round = ++_round;
        var txs = new List<PooledTx>(Txs);
        var sender = new SenderInfo("org1", "client", new byte[32]);
        for (var i = 0; i < Txs; i++)
        {
            var payload = new TxPayload { ChainId = "bench", Contract = "EVIDENCE", Method = "put", Nonce = (ulong)i };
            payload.Args.Add(new Arg { Key = "id", Value = ByteString.CopyFrom(Encoding.UTF8.GetBytes($"r{round}-{i}")) });
            payload.Args.Add(new Arg { Key = "hash", Value = ByteString.CopyFrom("00112233445566778899aabbccddeeff"u8) });
            var bytes = payload.ToByteArray();
            txs.Add(new PooledTx(_suite.Hash(bytes), bytes, payload, sender, null));
        }

        return txs;
    }
}
