using System.Runtime.ExceptionServices;
using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;
using Microsoft.Extensions.Logging;
using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>
/// The host side of one contract call: the store's data. Keeps Wasmtime fuel and the context's gas
/// meter in step (1 fuel = 1 gas), holds the pending result buffer and return data, and records why
/// a host import trapped so the trap can become a typed result.
/// </summary>
internal sealed class HostCall
{
    private ulong _fuelAtSync;

    public HostCall(IContractContext? context, string contract, IReadOnlyList<Arg> args, ILogger logger)
    {
        Context = context;
        Contract = contract;
        Args = args;
        Logger = logger;
    }

    /// <summary>Null while a module is trial-instantiated at install: host imports then trap.</summary>
    public IContractContext? Context { get; }

    public string Contract { get; }

    public IReadOnlyList<Arg> Args { get; }

    public ILogger Logger { get; }

    public Memory? Memory { get; set; }

    /// <summary>Data an import produced, fetched by <c>result_read</c>.</summary>
    public byte[] Pending { get; set; } = [];

    public byte[]? ReturnData { get; set; }

    public string? FailureCode { get; private set; }

    public string FailureMessage { get; private set; } = string.Empty;

    /// <summary>A node-local failure (timeout in a nested call) that must be rethrown, not turned into a result.</summary>
    public ExceptionDispatchInfo? Fatal { get; set; }

    public void StartMetering(ulong fuel) => _fuelAtSync = fuel;

    /// <summary>Moves the fuel burnt since the last sync plus <paramref name="fee"/> to the gas meter, then hands the meter's remainder back as fuel.</summary>
    public IContractContext Charge(Caller caller, ulong fee)
    {
        var context = Context ?? throw Fail(WasmErrorCodes.HostUnsupported, "Host imports cannot be used while the module is being installed.");
        var burnt = _fuelAtSync - caller.Fuel;
        if (!context.ChargeGas(burnt + fee))
        {
            _fuelAtSync = 0;
            caller.Fuel = 0;
            throw Fail(WasmErrorCodes.OutOfGas, "The call ran out of gas.");
        }

        var remaining = context.RemainingGas;
        caller.Fuel = remaining;
        _fuelAtSync = remaining;
        return context;
    }

    /// <summary>
    /// After the context charged for its own work (no WebAssembly ran since <see cref="Charge"/>),
    /// hands its remainder back as fuel; traps when that work exhausted the gas.
    /// </summary>
    public void Resync(Caller caller, IContractContext context)
    {
        if (context.OutOfGas)
        {
            _fuelAtSync = 0;
            caller.Fuel = 0;
            throw Fail(WasmErrorCodes.OutOfGas, "The call ran out of gas.");
        }

        var remaining = context.RemainingGas;
        if (remaining != _fuelAtSync)
        {
            caller.Fuel = remaining;
            _fuelAtSync = remaining;
        }
    }

    /// <summary>Charges the fuel burnt since the last sync once the instance has stopped.</summary>
    public void Settle(ulong fuelLeft)
    {
        if (Context is null)
        {
            return;
        }

        var burnt = _fuelAtSync > fuelLeft ? _fuelAtSync - fuelLeft : 0;
        Context.ChargeGas(burnt);
        _fuelAtSync = fuelLeft;
    }

    /// <summary>Linear memory [ptr, ptr+len) or a trap when any of it is outside.</summary>
    public Span<byte> Bytes(Caller caller, int ptr, int length)
    {
        var memory = Memory ??= caller.GetMemory("memory");
        if (memory is null)
        {
            throw Fail(WasmErrorCodes.HostOutOfBounds, "The module exports no memory named 'memory'.");
        }

        if (ptr < 0 || length < 0 || (long)ptr + length > memory.GetLength())
        {
            throw Fail(WasmErrorCodes.HostOutOfBounds, $"A host import was given memory [{(uint)ptr}, {(long)(uint)ptr + (uint)length}) outside linear memory of {memory.GetLength()} bytes.");
        }

        return length == 0 ? [] : memory.GetSpan(ptr, length);
    }

    /// <summary>Bytes for an input no longer than <paramref name="limit"/>, or a trap naming <paramref name="what"/>.</summary>
    public Span<byte> Input(Caller caller, int ptr, int length, int limit, string what)
    {
        if (length > limit)
        {
            throw Fail(WasmErrorCodes.HostLimit, $"The {what} is {length} bytes; the limit is {limit}.");
        }

        return Bytes(caller, ptr, length);
    }

    /// <summary>Records why the instance is about to trap (the first reason wins) and returns the exception to throw.</summary>
    public HostTrapException Fail(string code, string message)
    {
        if (FailureCode is null)
        {
            FailureCode = code;
            FailureMessage = message;
        }

        return new HostTrapException(message);
    }
}
