namespace Chainweave.Contracts.Wasm;

/// <summary>Why a module was refused at install; <see cref="None"/> when it was accepted.</summary>
public enum WasmModuleErrorKind
{
    None,
    Malformed,
    ImportUnknown,
    MemoryTooLarge,
    MemoryMissing,
    LimitsExceeded,
}

/// <summary>The outcome of <see cref="WasmEngine.Validate"/>: the methods found, or a typed refusal.</summary>
public sealed record WasmValidationResult(WasmModuleErrorKind Kind, string Code, string Message, IReadOnlyList<string> Methods)
{
    public bool Ok => Kind == WasmModuleErrorKind.None;

    internal static WasmValidationResult Accepted(IReadOnlyList<string> methods) => new(WasmModuleErrorKind.None, string.Empty, string.Empty, methods);

    internal static WasmValidationResult Refused(WasmModuleErrorKind kind, string message) => new(kind, CodeOf(kind), message, []);

    private static string CodeOf(WasmModuleErrorKind kind) => kind switch
    {
        WasmModuleErrorKind.Malformed => WasmErrorCodes.ModuleMalformed,
        WasmModuleErrorKind.ImportUnknown => WasmErrorCodes.ImportUnknown,
        WasmModuleErrorKind.MemoryTooLarge => WasmErrorCodes.MemoryTooLarge,
        WasmModuleErrorKind.MemoryMissing => WasmErrorCodes.MemoryMissing,
        _ => WasmErrorCodes.LimitsExceeded,
    };
}
