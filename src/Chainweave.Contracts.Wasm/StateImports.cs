using Chainweave.Execution.Contracts;
using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>Host imports over the contract's own key-value state, and <c>result_read</c>.</summary>
internal static class StateImports
{
    public static void Define(Linker linker)
    {
        linker.DefineFunction(HostImports.Module, "state_get", new CallerFunc<int, int, int>(StateGet));
        linker.DefineFunction(HostImports.Module, "state_put", new CallerAction<int, int, int, int>(StatePut));
        linker.DefineFunction(HostImports.Module, "state_delete", new CallerAction<int, int>(StateDelete));
        linker.DefineFunction(HostImports.Module, "state_range", new CallerFunc<int, int, int, int, int, int>(StateRange));
        linker.DefineFunction(HostImports.Module, "result_read", new CallerAction<int>(ResultRead));
    }

    internal static HostCall Of(Caller caller) => (HostCall)caller.GetData()!;

    private static int StateGet(Caller caller, int keyPtr, int keyLength)
    {
        var call = Of(caller);
        var context = call.Charge(caller, HostFees.CallBase + ((ulong)Math.Max(keyLength, 0) * HostFees.PerByte));
        var key = call.Input(caller, keyPtr, keyLength, HostLimits.MaxKeyBytes, "state key");
        var value = context.GetState(key);
        call.Resync(caller, context);
        call.Pending = value ?? [];
        return value is null ? -1 : value.Length;
    }

    private static void StatePut(Caller caller, int keyPtr, int keyLength, int valuePtr, int valueLength)
    {
        var call = Of(caller);
        var context = call.Charge(caller, HostFees.CallBase + ((ulong)Math.Max(keyLength, 0) + (ulong)Math.Max(valueLength, 0)) * HostFees.PerByte);
        RefuseInQuery(call, context, "write state");
        var key = call.Input(caller, keyPtr, keyLength, HostLimits.MaxKeyBytes, "state key");
        var value = call.Input(caller, valuePtr, valueLength, HostLimits.MaxValueBytes, "state value");
        context.PutState(key, value);
        call.Resync(caller, context);
    }

    private static void StateDelete(Caller caller, int keyPtr, int keyLength)
    {
        var call = Of(caller);
        var context = call.Charge(caller, HostFees.CallBase + ((ulong)Math.Max(keyLength, 0) * HostFees.PerByte));
        RefuseInQuery(call, context, "delete state");
        var key = call.Input(caller, keyPtr, keyLength, HostLimits.MaxKeyBytes, "state key");
        context.DeleteState(key);
        call.Resync(caller, context);
    }

    private static int StateRange(Caller caller, int startPtr, int startLength, int endPtr, int endLength, int limit)
    {
        var call = Of(caller);
        var context = call.Charge(caller, HostFees.RangeBase + ((ulong)Math.Max(startLength, 0) + (ulong)Math.Max(endLength, 0)) * HostFees.PerByte);
        if (limit <= 0 || limit > HostLimits.MaxRangeEntries)
        {
            throw call.Fail(WasmErrorCodes.HostLimit, $"A range limit must be 1 to {HostLimits.MaxRangeEntries}; it was {limit}.");
        }

        var start = call.Input(caller, startPtr, startLength, HostLimits.MaxKeyBytes, "range start key");
        var end = call.Input(caller, endPtr, endLength, HostLimits.MaxKeyBytes, "range end key");
        var entries = context.Range(start, end, limit);
        var encoded = WireFormat.EncodePairs(entries);
        if (encoded.Length > HostLimits.MaxRangeResultBytes)
        {
            throw call.Fail(WasmErrorCodes.HostLimit, $"A range result is {encoded.Length} bytes; the limit is {HostLimits.MaxRangeResultBytes}: ask for fewer entries.");
        }

        call.Charge(caller, (ulong)entries.Count * HostFees.RangePerEntry);
        call.Pending = encoded;
        return encoded.Length;
    }

    /// <summary>Copies the last result buffer to <paramref name="destination"/>, charged per byte.</summary>
    private static void ResultRead(Caller caller, int destination)
    {
        var call = Of(caller);
        var pending = call.Pending;
        call.Charge(caller, HostFees.CallBase + ((ulong)pending.Length * HostFees.PerByte));
        pending.CopyTo(call.Bytes(caller, destination, pending.Length));
    }

    internal static void RefuseInQuery(HostCall call, IContractContext context, string action)
    {
        if (context.IsReadOnly)
        {
            throw call.Fail(WasmErrorCodes.ReadOnly, $"Contract '{call.Contract}' tried to {action} in a read-only query; send a transaction instead.");
        }
    }
}
