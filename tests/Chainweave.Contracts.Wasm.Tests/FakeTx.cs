using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm.Tests;

/// <summary>One transaction: a shared gas meter, buffered writes per contract, and events.</summary>
internal sealed class FakeTx
{
    private readonly FakeChain _chain;

    public FakeTx(FakeChain chain, ulong gasLimit)
    {
        _chain = chain;
        GasLimit = gasLimit;
    }

    public ulong GasLimit { get; }

    public ulong GasUsed { get; private set; }

    public bool OutOfGas { get; private set; }

    public ContractResponse Response { get; set; }

    /// <summary>Pending writes: contract → key → value (null = delete).</summary>
    public Dictionary<string, SortedDictionary<byte[], byte[]?>> Writes { get; } = new(StringComparer.Ordinal);

    public List<(string Contract, string Topic, IReadOnlyList<byte[]> Data)> Events { get; } = [];

    public bool Charge(ulong amount)
    {
        if (OutOfGas)
        {
            return false;
        }

        var next = GasUsed + amount;
        if (next > GasLimit || next < GasUsed)
        {
            GasUsed = GasLimit;
            OutOfGas = true;
            return false;
        }

        GasUsed = next;
        return true;
    }

    public SortedDictionary<byte[], byte[]?> WritesOf(string contract)
    {
        if (!Writes.TryGetValue(contract, out var writes))
        {
            writes = new SortedDictionary<byte[], byte[]?>(ByteOrder.Instance);
            Writes[contract] = writes;
        }

        return writes;
    }

    public void Commit()
    {
        foreach (var (contract, writes) in Writes)
        {
            var state = _chain.StateOf(contract);
            foreach (var (key, value) in writes)
            {
                if (value is null)
                {
                    state.Remove(key);
                }
                else
                {
                    state[key] = value;
                }
            }
        }
    }
}
