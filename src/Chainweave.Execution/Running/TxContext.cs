using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Execution.Running;

/// <summary>
/// One transaction's view: reads see its own writes first, then the block's earlier writes, then
/// committed state. Writes stay buffered here until the transaction succeeds.
/// </summary>
internal sealed class TxContext : IContractContext
{
    private readonly BlockState _state;
    private readonly string _contract;
    private readonly ulong _gasLimit;
    private Dictionary<StateKey, int>? _writeIndex;

    public TxContext(BlockState state, string contract, SenderInfo sender, ReadOnlyMemory<byte> txId, ulong blockHeight, long blockTimeMs, ulong gasLimit, bool readOnly)
    {
        _state = state;
        _contract = contract;
        Sender = sender;
        TxId = txId;
        BlockHeight = blockHeight;
        BlockTimeMs = blockTimeMs;
        _gasLimit = gasLimit;
        IsReadOnly = readOnly;
    }

    public SenderInfo Sender { get; }

    public ReadOnlyMemory<byte> TxId { get; }

    public ulong BlockHeight { get; }

    public long BlockTimeMs { get; }

    public bool IsReadOnly { get; }

    public ulong GasUsed { get; private set; }

    public bool OutOfGas { get; private set; }

    public List<StateWrite> Writes { get; } = [];

    public List<Event> Events { get; } = [];

    public bool ChargeGas(ulong amount)
    {
        if (OutOfGas)
        {
            return false;
        }

        var next = GasUsed + amount;
        if (next > _gasLimit || next < GasUsed)
        {
            GasUsed = _gasLimit;
            OutOfGas = true;
            return false;
        }

        GasUsed = next;
        return true;
    }

    public byte[]? GetState(ReadOnlySpan<byte> key)
    {
        ChargeGas(GasSchedule.StateRead);
        if (_writeIndex is not null && _writeIndex.TryGetValue(new StateKey(_contract, key.ToArray()), out var at))
        {
            return Writes[at].Value;
        }

        return _state.Get(_contract, key);
    }

    public void PutState(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        Record(key, value.ToArray(), (ulong)(key.Length + value.Length));
    }

    public void DeleteState(ReadOnlySpan<byte> key)
    {
        Record(key, null, (ulong)key.Length);
    }

    public void Emit(string topic, IReadOnlyList<byte[]> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ulong size = 0;
        var ev = new Event { Contract = _contract, Topic = topic };
        for (var i = 0; i < data.Count; i++)
        {
            size += (ulong)data[i].Length;
            ev.Data.Add(ByteString.CopyFrom(data[i]));
        }

        ChargeGas(GasSchedule.EventBase + (size * GasSchedule.PerByteEmitted));
        Events.Add(ev);
    }

    private void Record(ReadOnlySpan<byte> key, byte[]? value, ulong bytes)
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("A query cannot write state.");
        }

        ChargeGas(GasSchedule.StateWrite + (bytes * GasSchedule.PerByteWritten));
        var keyBytes = key.ToArray();
        var stateKey = new StateKey(_contract, keyBytes);
        _writeIndex ??= [];
        var change = new StateWrite(_contract, keyBytes, value);
        if (_writeIndex.TryGetValue(stateKey, out var at))
        {
            Writes[at] = change;
        }
        else
        {
            _writeIndex.Add(stateKey, Writes.Count);
            Writes.Add(change);
        }
    }
}
