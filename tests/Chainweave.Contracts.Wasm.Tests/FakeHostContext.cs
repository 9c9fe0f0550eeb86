using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm.Tests;

/// <summary>
/// <see cref="IContractContext"/> over <see cref="FakeChain"/>: reads see the transaction's own
/// writes first; gas is charged like the node's TxContext (read 100, write 500 + 2/byte, event
/// 200 + 1/byte).
/// </summary>
internal sealed class FakeHostContext : IContractContext
{
    private readonly FakeChain _chain;
    private readonly FakeTx _tx;
    private readonly string _contract;

    public FakeHostContext(FakeChain chain, FakeTx tx, string contract, SenderInfo sender, int depth, bool readOnly)
    {
        _chain = chain;
        _tx = tx;
        _contract = contract;
        Sender = sender;
        CallDepth = depth;
        IsReadOnly = readOnly;
    }

    public SenderInfo Sender { get; }

    public ReadOnlyMemory<byte> TxId { get; } = Encoding.UTF8.GetBytes("tx-0001");

    public ulong BlockHeight => 42;

    public long BlockTimeMs => 1_700_000_000_000;

    public bool IsReadOnly { get; }

    public int CallDepth { get; }

    public IReadOnlyList<SenderInfo> Endorsers => [];

    public ulong RemainingGas => _tx.GasLimit - _tx.GasUsed;

    public bool OutOfGas => _tx.OutOfGas;

    public bool ChargeGas(ulong amount) => _tx.Charge(amount);

    public byte[]? GetState(ReadOnlySpan<byte> key)
    {
        ChargeGas(100);
        var keyBytes = key.ToArray();
        if (_tx.WritesOf(_contract).TryGetValue(keyBytes, out var pending))
        {
            return pending;
        }

        return _chain.StateOf(_contract).GetValueOrDefault(keyBytes);
    }

    public void PutState(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        RefuseInQuery();
        ChargeGas(500 + (2 * (ulong)(key.Length + value.Length)));
        _tx.WritesOf(_contract)[key.ToArray()] = value.ToArray();
    }

    public void DeleteState(ReadOnlySpan<byte> key)
    {
        RefuseInQuery();
        ChargeGas(500 + (2 * (ulong)key.Length));
        _tx.WritesOf(_contract)[key.ToArray()] = null;
    }

    public void Emit(string topic, IReadOnlyList<byte[]> data)
    {
        ChargeGas(200 + (ulong)data.Sum(d => d.Length));
        _tx.Events.Add((_contract, topic, data));
    }

    public IReadOnlyList<KeyValuePair<byte[], byte[]>> Range(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, int limit)
    {
        var merged = new SortedDictionary<byte[], byte[]?>(ByteOrder.Instance);
        foreach (var (key, value) in _chain.StateOf(_contract))
        {
            merged[key] = value;
        }

        foreach (var (key, value) in _tx.WritesOf(_contract))
        {
            merged[key] = value;
        }

        var result = new List<KeyValuePair<byte[], byte[]>>();
        foreach (var (key, value) in merged)
        {
            if (value is null || key.AsSpan().SequenceCompareTo(start) < 0)
            {
                continue;
            }

            if ((end.Length > 0 && key.AsSpan().SequenceCompareTo(end) >= 0) || result.Count == limit)
            {
                break;
            }

            result.Add(new(key, value));
        }

        return result;
    }

    public ContractResponse Call(string contract, string method, IReadOnlyList<Arg> args)
    {
        var callee = _chain.Find(contract);
        if (callee is null)
        {
            return ContractResponse.Error(ErrorCodes.UnknownContract, $"No contract '{contract}'.");
        }

        var child = new FakeHostContext(_chain, _tx, contract, ContractSender.For(_contract), CallDepth + 1, IsReadOnly);
        return callee.Invoke(child, method, args);
    }

    private void RefuseInQuery()
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("A query cannot write state.");
        }
    }
}
