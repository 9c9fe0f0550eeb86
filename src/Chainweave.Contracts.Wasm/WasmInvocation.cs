using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;
using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>One method call on a fresh store and instance, and the mapping of how it ended to a result.</summary>
internal static class WasmInvocation
{
    public static ContractResponse Run(WasmEngine engine, CompiledModule compiled, string contract, IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        var fuel = context.RemainingGas;
        if (fuel == 0 || context.OutOfGas)
        {
            context.ChargeGas(1);
            return OutOfGas(contract);
        }

        var call = new HostCall(context, contract, args, engine.Logger);
        using var store = new Store(engine.Engine, call);
        store.Fuel = fuel;
        call.StartMetering(fuel);
        store.SetEpochDeadline(engine.EpochDeadlineTicks);
        try
        {
            var instance = engine.Linker.Instantiate(store, compiled.Module);
            call.Memory = instance.GetMemory("memory");
            var entry = instance.GetAction(method)
                ?? throw new ChainError(WasmErrorCodes.InstantiateFailed, $"Export '{method}' of '{contract}' is not a () -> () function.");
            entry();
        }
        catch (TrapException trap)
        {
            return Ended(call, store, contract, trap);
        }
        catch (WasmtimeException ex) when (call.FailureCode is not null || call.Fatal is not null)
        {
            return Ended(call, store, contract, ex);
        }
        catch (WasmtimeException ex)
        {
            throw new ChainError(WasmErrorCodes.InstantiateFailed, $"Contract '{contract}' could not be instantiated on this node: {ex.Message}", ex);
        }

        call.Settle(store.Fuel);
        if (context.OutOfGas)
        {
            return OutOfGas(contract);
        }

        return ContractResponse.Success(call.ReturnData);
    }

    private static ContractResponse Ended(HostCall call, Store store, string contract, WasmtimeException ex)
    {
        call.Fatal?.Throw();
        var trapCode = (ex as TrapException)?.Type;
        if (trapCode == TrapCode.Interrupt && call.FailureCode is null)
        {
            throw new ChainError(WasmErrorCodes.ExecutionTimeout, $"Contract '{contract}' ran past the node's wall-clock limit; this is a node failure, not a transaction result.", ex);
        }

        var context = call.Context!;
        if (trapCode == TrapCode.OutOfFuel || call.FailureCode == WasmErrorCodes.OutOfGas)
        {
            call.Settle(0);
            context.ChargeGas(1);
            return OutOfGas(contract);
        }

        call.Settle(store.Fuel);
        if (context.OutOfGas)
        {
            return OutOfGas(contract);
        }

        if (call.FailureCode is not null)
        {
            return ContractResponse.Error(call.FailureCode, call.FailureMessage);
        }

        return trapCode == TrapCode.StackOverflow
            ? ContractResponse.Error(WasmErrorCodes.StackOverflow, $"Contract '{contract}' overflowed its stack (too deep recursion).")
            : ContractResponse.Error(WasmErrorCodes.Trap, $"Contract '{contract}' trapped: {TrapText(trapCode)}.");
    }

    private static ContractResponse OutOfGas(string contract) =>
        ContractResponse.Error(WasmErrorCodes.OutOfGas, $"Contract '{contract}' ran out of gas.");

    /// <summary>A stable description: Wasmtime's message carries a backtrace that may differ between builds.</summary>
    private static string TrapText(TrapCode? code) => code switch
    {
        TrapCode.MemoryOutOfBounds => "out-of-bounds memory access",
        TrapCode.IntegerDivisionByZero => "integer division by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.BadConversionToInteger => "invalid conversion to integer",
        TrapCode.Unreachable => "unreachable instruction executed",
        TrapCode.IndirectCallToNull or TrapCode.TableOutOfBounds => "call through an invalid table entry",
        TrapCode.BadSignature => "indirect call with the wrong signature",
        null => "host error",
        _ => code.Value.ToString(),
    };
}
