namespace Chainweave.Contracts.Wasm;

/// <summary>
/// Codes the WebAssembly engine reports. Every one except <see cref="ExecutionTimeout"/> and
/// <see cref="InstantiateFailed"/> is a deterministic transaction result; those two are node-local
/// failures thrown as <c>ChainError</c> and must never be written into a block.
/// </summary>
public static class WasmErrorCodes
{
    // Install time (WasmEngine.Validate).
    public const string ModuleMalformed = "WASM_MODULE_MALFORMED";
    public const string ImportUnknown = "WASM_IMPORT_UNKNOWN";
    public const string MemoryTooLarge = "WASM_MEMORY_TOO_LARGE";
    public const string MemoryMissing = "WASM_MEMORY_MISSING";
    public const string LimitsExceeded = "WASM_LIMITS_EXCEEDED";

    // Run time, deterministic.
    public const string OutOfGas = "OUT_OF_GAS";
    public const string Trap = "WASM_TRAP";
    public const string Abort = "WASM_ABORT";
    public const string StackOverflow = "WASM_STACK_OVERFLOW";
    public const string HostOutOfBounds = "WASM_HOST_OUT_OF_BOUNDS";
    public const string HostLimit = "WASM_HOST_LIMIT";
    public const string ReadOnly = "WASM_READ_ONLY";
    public const string CallDepth = "WASM_CALL_DEPTH";
    public const string BadEncoding = "WASM_BAD_ENCODING";
    public const string HostUnsupported = "WASM_HOST_UNSUPPORTED";

    // Node-local, never a transaction result.
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";
    public const string InstantiateFailed = "WASM_INSTANTIATE_FAILED";
}
