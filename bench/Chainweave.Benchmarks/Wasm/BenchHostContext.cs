using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;

namespace Chainweave.Benchmarks.Wasm;

/// <summary>A minimal host context over one dictionary, so the benchmark measures the engine, not the state layer.</summary>
internal sealed class BenchHostContext : IContractContext
{
    private readonly Dictionary<byte[], byte[]> _state;
    private readonly ulong _gasLimit;

    public BenchHostContext(Dictionary<byte[], byte[]> state, SenderInfo sender, ulong gasLimit)
    {
        _state = state;
        Sender = sender;
        _gasLimit = gasLimit;
    }

    public SenderInfo Sender { get; }

    public ReadOnlyMemory<byte> TxId => ReadOnlyMemory<byte>.Empty;

    public ulong BlockHeight => 1;

    public long BlockTimeMs => 1_700_000_000_000;

    public bool IsReadOnly => false;

    public ulong GasUsed { get; private set; }

    public bool OutOfGas { get; private set; }

    public ulong RemainingGas => _gasLimit - GasUsed;

    public int CallDepth => 0;

    public IReadOnlyList<SenderInfo> Endorsers => [];

    public bool ChargeGas(ulong amount)
    {
        if (OutOfGas || GasUsed + amount > _gasLimit)
        {
            GasUsed = _gasLimit;
            OutOfGas = true;
            return false;
        }

        GasUsed += amount;
        return true;
    }

    public byte[]? GetState(ReadOnlySpan<byte> key)
    {
        ChargeGas(100);
        return _state.GetValueOrDefault(key.ToArray());
    }

    public void PutState(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ChargeGas(500 + (2 * (ulong)(key.Length + value.Length)));
        _state[key.ToArray()] = value.ToArray();
    }

    public void DeleteState(ReadOnlySpan<byte> key)
    {
        ChargeGas(500);
        _state.Remove(key.ToArray());
    }

    public void Emit(string topic, IReadOnlyList<byte[]> data) => ChargeGas(200);

    public IReadOnlyList<KeyValuePair<byte[], byte[]>> Range(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, int limit) => [];

    public ContractResponse Call(string contract, string method, IReadOnlyList<Arg> args) =>
        ContractResponse.Error("UNSUPPORTED", "No nested calls in the benchmark.");
}
