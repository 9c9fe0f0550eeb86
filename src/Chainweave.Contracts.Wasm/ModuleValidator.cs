using Wasmtime;

namespace Chainweave.Contracts.Wasm;

/// <summary>Compiles a module and checks it against the host interface and the engine's limits.</summary>
internal static class ModuleValidator
{
    private const ulong PageBytes = 65536;
    private const ulong TrialFuel = 1_000_000;

    public static WasmValidationResult Compile(WasmEngine engine, ReadOnlySpan<byte> bytes, out CompiledModule? compiled)
    {
        compiled = null;
        Module module;
        try
        {
            module = Module.FromBytes(engine.Engine, "contract", bytes);
        }
        catch (WasmtimeException ex)
        {
            return WhyCompileFailed(engine, bytes, ex);
        }

        var refusal = CheckImports(module) ?? CheckMemory(module, engine.Options.MaxMemoryBytes);
        var methods = refusal is null ? FindMethods(module) : [];
        if (refusal is null && methods.Count == 0)
        {
            refusal = WasmValidationResult.Refused(WasmModuleErrorKind.Malformed, "The module exports no method: a method is an exported function with no parameters and no results.");
        }

        refusal ??= TryInstantiate(engine, module);
        if (refusal is not null)
        {
            module.Dispose();
            return refusal;
        }

        compiled = new CompiledModule(module, methods);
        return WasmValidationResult.Accepted(methods);
    }

    /// <summary>Valid WebAssembly that still does not compile was refused by the pooling allocator's limits.</summary>
    private static WasmValidationResult WhyCompileFailed(WasmEngine engine, ReadOnlySpan<byte> bytes, WasmtimeException ex)
    {
        if (Module.Validate(engine.Engine, bytes) is not null)
        {
            return WasmValidationResult.Refused(WasmModuleErrorKind.Malformed, $"The module is not valid WebAssembly for this engine: {FirstLine(ex.Message)}");
        }

        var pages = MemoryDeclarations.LargestInitialPages(bytes);
        return pages * PageBytes > (ulong)engine.Options.MaxMemoryBytes
            ? WasmValidationResult.Refused(WasmModuleErrorKind.MemoryTooLarge, $"The module asks for {pages} pages ({pages * PageBytes} bytes) of memory; the limit is {engine.Options.MaxMemoryBytes} bytes.")
            : WasmValidationResult.Refused(WasmModuleErrorKind.LimitsExceeded, $"The module does not fit the engine's limits: {FirstLine(ex.Message)}");
    }

    private static WasmValidationResult? CheckImports(Module module)
    {
        foreach (var import in module.Imports)
        {
            var name = $"{import.ModuleName}.{import.Name}";
            if (import is not FunctionImport function)
            {
                return WasmValidationResult.Refused(WasmModuleErrorKind.ImportUnknown, $"The module imports '{name}', which is not a function; the host offers only {HostImports.Module} functions.");
            }

            if (!HostImports.Signatures.TryGetValue(name, out var signature))
            {
                return WasmValidationResult.Refused(WasmModuleErrorKind.ImportUnknown, $"The module imports '{name}', which the host does not offer; see docs/contract-abi.md for {HostImports.Module}.");
            }

            if (!function.Parameters.SequenceEqual(signature.Parameters) || !function.Results.SequenceEqual(signature.Results))
            {
                return WasmValidationResult.Refused(WasmModuleErrorKind.ImportUnknown, $"The module imports '{name}' with the wrong signature.");
            }
        }

        return null;
    }

    private static WasmValidationResult? CheckMemory(Module module, int maxMemoryBytes)
    {
        foreach (var export in module.Exports)
        {
            if (export is MemoryExport memory && export.Name == "memory")
            {
                if (memory.Is64Bit)
                {
                    return WasmValidationResult.Refused(WasmModuleErrorKind.MemoryTooLarge, "The module's memory is 64-bit; only 32-bit memories are allowed.");
                }

                return (ulong)memory.Minimum * PageBytes > (ulong)maxMemoryBytes
                    ? WasmValidationResult.Refused(WasmModuleErrorKind.MemoryTooLarge, $"The module asks for {memory.Minimum} pages ({(ulong)memory.Minimum * PageBytes} bytes) of memory; the limit is {maxMemoryBytes} bytes.")
                    : null;
            }
        }

        return WasmValidationResult.Refused(WasmModuleErrorKind.MemoryMissing, "The module must export its linear memory as 'memory' so the host can read arguments and results.");
    }

    private static List<string> FindMethods(Module module)
    {
        var methods = new List<string>();
        foreach (var export in module.Exports)
        {
            if (export is FunctionExport function && function.Parameters.Count == 0 && function.Results.Count == 0 && !IsReserved(export.Name))
            {
                methods.Add(export.Name);
            }
        }

        methods.Sort(StringComparer.Ordinal);
        return methods;
    }

    private static bool IsReserved(string name) => name.StartsWith('_');

    /// <summary>Instantiates once so limits only visible then (tables, pool sizes) refuse the module now, not at every call.</summary>
    private static WasmValidationResult? TryInstantiate(WasmEngine engine, Module module)
    {
        using var store = new Store(engine.Engine, new HostCall(null, "install", [], engine.Logger));
        store.Fuel = TrialFuel;
        store.SetEpochDeadline(engine.EpochDeadlineTicks);
        try
        {
            engine.Linker.Instantiate(store, module);
            return null;
        }
        catch (TrapException)
        {
            // A start function that traps without a context is judged at call time, with one.
            return null;
        }
        catch (WasmtimeException ex)
        {
            return WasmValidationResult.Refused(WasmModuleErrorKind.LimitsExceeded, $"The module cannot be instantiated within the engine's limits: {FirstLine(ex.Message)}");
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end];
    }
}
