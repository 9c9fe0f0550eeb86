using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Contracts.Wasm;
using Chainweave.Core.Crypto;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.SystemContracts;
using Google.Protobuf;

namespace Chainweave.Execution.Tests;

/// <summary>An executor over in-memory committed state, with CONTRACT_MANAGE backed by a real WebAssembly engine.</summary>
internal sealed class ContractChain
{
    public const ulong GasLimit = 50_000_000;
    private ulong _height;
    private int _txCount;

    public ContractChain(SampleContracts samples, params IContract[] extraContracts)
    {
        Registry = new ContractRegistry([new EvidenceContract(), .. extraContracts], new WasmCodeLoader(samples.Engine), new FakeChainView());
        Executor = new BlockExecutor(Registry, CryptoSuites.Get("nist"), GasLimit, Ledger, samples.Workers);
    }

    public MemoryLedger Ledger { get; } = new();

    public ContractRegistry Registry { get; }

    public BlockExecutor Executor { get; }

    public static SenderInfo Admin(string org) => new(org, "admin", Encoding.UTF8.GetBytes("admin." + org));

    public static SenderInfo Client(string org) => new(org, "client", Encoding.UTF8.GetBytes("client." + org));

    public static Arg Arg(string key, string value) => Arg(key, Encoding.UTF8.GetBytes(value));

    public static Arg Arg(string key, byte[] value) => new() { Key = key, Value = ByteString.CopyFrom(value) };

    public static string Text(ByteString bytes) => bytes.ToStringUtf8();

    public static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    public ExecutableTx Tx(SenderInfo sender, string contract, string method, IReadOnlyList<Arg> args, params SenderInfo[] endorsers)
    {
        var payload = new TxPayload { ChainId = "test-chain", Contract = contract, Method = method, GasLimit = GasLimit };
        payload.Args.AddRange(args);
        return new ExecutableTx(BitConverter.GetBytes(++_txCount), payload, sender, endorsers);
    }

    /// <summary>Executes one block and commits its changes.</summary>
    public IReadOnlyList<TxResult> Block(params ExecutableTx[] txs)
    {
        _height++;
        var output = Executor.Execute(Ledger, new BlockContext(_height, 1_700_000_000_000 + (long)_height), txs);
        Ledger.Commit(output.Changes);
        return output.Results;
    }

    public TxResult Run(ExecutableTx tx) => Block(tx)[0];

    public ContractResponse Query(string contract, string method, params Arg[] args) =>
        Executor.Query(Ledger, new BlockContext(_height, 0), contract, method, args);

    /// <summary>install(name, version, wasm) sent by org1's admin and endorsed by org2's: a majority of three.</summary>
    public ExecutableTx Install(string name, byte[] wasm, string version = "1.0", params Arg[] extra) =>
        Tx(Admin("org1"), ContractManageContract.ContractName, "install", [Arg("name", name), Arg("version", version), Arg("wasm", wasm), .. extra], Admin("org2"));

    public ExecutableTx Manage(string method, string name, params Arg[] extra) =>
        Tx(Admin("org1"), ContractManageContract.ContractName, method, [Arg("name", name), .. extra], Admin("org3"));
}
