using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;
using Google.Protobuf;

namespace Chainweave.Execution.Running;

/// <summary>
/// One contract's view within a transaction: reads see this call's writes, then its callers'
/// (innermost first), then the block's earlier writes, then committed state. Writes stay buffered
/// here; a nested call's writes and events join its caller's only when the call succeeds, and the
/// transaction's reach the block only when it succeeds.
/// </summary>
internal sealed class TxContext : IContractContext
{
    private const int IndexedFrom = 8;
    private readonly IBlockView _state;
    private readonly string _contract;
    private readonly GasMeter _gas;
    private readonly TxContext? _caller;
    private readonly ContractRegistry? _registry;

    /// <summary>Built once a call has written <see cref="IndexedFrom"/> keys; below that a scan is cheaper than a dictionary per transaction.</summary>
    private Dictionary<StateKey, int>? _writeIndex;

    public TxContext(
        IBlockView state,
        string contract,
        SenderInfo sender,
        ReadOnlyMemory<byte> txId,
        ulong blockHeight,
        long blockTimeMs,
        ulong gasLimit,
        bool readOnly,
        ContractRegistry? registry = null,
        IReadOnlyList<SenderInfo>? endorsers = null)
    {
        _state = state;
        _contract = contract;
        _gas = new GasMeter(gasLimit);
        _registry = registry;
        Sender = sender;
        TxId = txId;
        BlockHeight = blockHeight;
        BlockTimeMs = blockTimeMs;
        IsReadOnly = readOnly;
        Endorsers = endorsers ?? [];
    }

    private TxContext(TxContext caller, string contract)
    {
        _state = caller._state;
        _contract = contract;
        _gas = caller._gas;
        _registry = caller._registry;
        _caller = caller;
        Sender = ContractSender.For(caller._contract);
        TxId = caller.TxId;
        BlockHeight = caller.BlockHeight;
        BlockTimeMs = caller.BlockTimeMs;
        IsReadOnly = caller.IsReadOnly;
        CallDepth = caller.CallDepth + 1;
        Endorsers = [];
    }

    public SenderInfo Sender { get; }

    public ReadOnlyMemory<byte> TxId { get; }

    public ulong BlockHeight { get; }

    public long BlockTimeMs { get; }

    public bool IsReadOnly { get; }

    public int CallDepth { get; }

    public IReadOnlyList<SenderInfo> Endorsers { get; }

    public ulong GasUsed => _gas.Used;

    public ulong RemainingGas => _gas.Remaining;

    public bool OutOfGas => _gas.Exhausted;

    public List<StateWrite> Writes { get; } = [];

    public List<Event> Events { get; } = [];

    public bool ChargeGas(ulong amount) => _gas.Charge(amount);

    public byte[]? GetState(ReadOnlySpan<byte> key)
    {
        ChargeGas(GasSchedule.StateRead);
        return Read(_contract, key);
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

    public IReadOnlyList<KeyValuePair<byte[], byte[]>> Range(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, int limit)
    {
        var overlay = new SortedDictionary<byte[], byte[]?>(ByteOrder.Instance);
        _state.CollectChanges(_contract, start, end, overlay);
        OverlayOwnWrites(start, end, overlay);
        var committed = _state.ScanCommitted(_contract, start.ToArray(), end.Length == 0 ? null : end.ToArray());
        return RangeMerge.Merge(committed, overlay, limit);
    }

    public ContractResponse Call(string contract, string method, IReadOnlyList<Arg> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (CallDepth >= ContractLimits.MaxCallDepth)
        {
            return ContractResponse.Error(ErrorCodes.WasmCallDepth, $"Nested calls may go {ContractLimits.MaxCallDepth} deep; '{_contract}' is already at depth {CallDepth}.");
        }

        var resolution = _registry?.Resolve(contract, new ScopeReader(this)) ?? ContractResolution.Unknown(contract);
        var callee = resolution.Contract;
        if (callee is null)
        {
            return ContractResponse.Error(resolution.Code, resolution.Message);
        }

        // An installed contract decides itself whether a hidden method (init) may run.
        if (callee is not InstalledContract && !callee.HasMethod(method))
        {
            return ContractResponse.Error(ErrorCodes.UnknownMethod, $"Contract '{contract}' has no method '{method}'.");
        }

        if (IsReadOnly && !callee.IsReadOnly(method))
        {
            return ContractResponse.Error(ErrorCodes.ContractReadOnly, $"'{contract}.{method}' changes state and cannot run in a query.");
        }

        var child = new TxContext(this, contract);
        var response = callee.Invoke(child, method, args);
        if (response.Ok && !OutOfGas)
        {
            Absorb(child);
        }

        return response;
    }

    /// <summary>The value of (contract, key) as this call sees it, charging nothing.</summary>
    private byte[]? Read(string contract, ReadOnlySpan<byte> key) => Read(contract, key, tracked: true);

    /// <param name="tracked">False only for reads that must not join the transaction's read set (see <see cref="IUntrackedStateReader"/>).</param>
    private byte[]? Read(string contract, ReadOnlySpan<byte> key, bool tracked)
    {
        for (var scope = this; scope is not null; scope = scope._caller)
        {
            var at = scope.IndexOfWrite(contract, key);
            if (at >= 0)
            {
                return scope.Writes[at].Value;
            }
        }

        return tracked || _state is not IUntrackedStateReader untracked ? _state.Get(contract, key) : untracked.GetUntracked(contract, key);
    }

    /// <summary>Writes of this call and its callers to this contract, outermost first so inner ones win.</summary>
    private void OverlayOwnWrites(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, SortedDictionary<byte[], byte[]?> overlay)
    {
        var scopes = new List<TxContext>(CallDepth + 1);
        for (var scope = this; scope is not null; scope = scope._caller)
        {
            scopes.Add(scope);
        }

        for (var s = scopes.Count - 1; s >= 0; s--)
        {
            var writes = scopes[s].Writes;
            for (var i = 0; i < writes.Count; i++)
            {
                var write = writes[i];
                if (string.Equals(write.Contract, _contract, StringComparison.Ordinal) && ByteOrder.InRange(write.Key, start, end))
                {
                    overlay[write.Key] = write.Value;
                }
            }
        }
    }

    private void Absorb(TxContext child)
    {
        for (var i = 0; i < child.Writes.Count; i++)
        {
            Store(child.Writes[i]);
        }

        Events.AddRange(child.Events);
    }

    private void Record(ReadOnlySpan<byte> key, byte[]? value, ulong bytes)
    {
        if (IsReadOnly)
        {
            throw new InvalidOperationException("A query cannot write state.");
        }

        ChargeGas(GasSchedule.StateWrite + (bytes * GasSchedule.PerByteWritten));
        Store(new StateWrite(_contract, key.ToArray(), value));
    }

    private void Store(StateWrite change)
    {
        var at = IndexOfWrite(change.Contract, change.Key);
        if (at >= 0)
        {
            Writes[at] = change;
            return;
        }

        _writeIndex?.Add(new StateKey(change.Contract, change.Key), Writes.Count);
        Writes.Add(change);
        if (_writeIndex is null && Writes.Count == IndexedFrom)
        {
            _writeIndex = new Dictionary<StateKey, int>(IndexedFrom * 2);
            for (var i = 0; i < Writes.Count; i++)
            {
                _writeIndex.Add(new StateKey(Writes[i].Contract, Writes[i].Key), i);
            }
        }
    }

    /// <summary>Where this call's write of (contract, key) is in <see cref="Writes"/>, or -1.</summary>
    private int IndexOfWrite(string contract, ReadOnlySpan<byte> key)
    {
        if (_writeIndex is not null)
        {
            return _writeIndex.TryGetValue(new StateKey(contract, key.ToArray()), out var at) ? at : -1;
        }

        for (var i = 0; i < Writes.Count; i++)
        {
            var write = Writes[i];
            if (key.SequenceEqual(write.Key) && string.Equals(write.Contract, contract, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>State as this call sees it, for resolving installed contracts (an install earlier in the same transaction counts).</summary>
    private sealed class ScopeReader(TxContext scope) : IStateReader, IUntrackedStateReader
    {
        public byte[]? Get(string contract, ReadOnlySpan<byte> key) => scope.Read(contract, key);

        public byte[]? GetUntracked(string contract, ReadOnlySpan<byte> key) => scope.Read(contract, key, tracked: false);
    }
}
