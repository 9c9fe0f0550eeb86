using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm.Tests;

/// <summary>
/// Committed state per contract in sorted dictionaries, and a registry of contracts. Each
/// <see cref="Execute"/> is one transaction: writes are kept only when it succeeds, as the block
/// executor does.
/// </summary>
internal sealed class FakeChain
{
    private readonly Dictionary<string, IContract> _contracts = new(StringComparer.Ordinal);

    public Dictionary<string, SortedDictionary<byte[], byte[]>> State { get; } = new(StringComparer.Ordinal);

    public void Deploy(IContract contract) => _contracts[contract.Name] = contract;

    public IContract? Find(string name) => _contracts.GetValueOrDefault(name);

    public SortedDictionary<byte[], byte[]> StateOf(string contract)
    {
        if (!State.TryGetValue(contract, out var state))
        {
            state = new SortedDictionary<byte[], byte[]>(ByteOrder.Instance);
            State[contract] = state;
        }

        return state;
    }

    public int CommittedEntries => State.Values.Sum(s => s.Count);

    public FakeTx Execute(string contract, string method, IReadOnlyList<Arg> args, SenderInfo? sender = null, ulong gasLimit = 10_000_000, bool readOnly = false)
    {
        var tx = new FakeTx(this, gasLimit);
        var context = new FakeHostContext(this, tx, contract, sender ?? Senders.Alice, depth: 0, readOnly);
        var target = Find(contract) ?? throw new InvalidOperationException($"No contract {contract}.");
        tx.Response = target.Invoke(context, method, args);
        if (tx.Response.Ok && !tx.OutOfGas)
        {
            tx.Commit();
        }

        return tx;
    }
}
