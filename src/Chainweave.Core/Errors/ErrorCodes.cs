namespace Chainweave.Core.Errors;

/// <summary>Stable error codes shared by node, API, SDK and CLI. Never renumber or rename.</summary>
public static class ErrorCodes
{
    // Transaction admission
    public const string MalformedTx = "TX_MALFORMED";
    public const string TxTooLarge = "TX_TOO_LARGE";
    public const string WrongChain = "TX_WRONG_CHAIN";
    public const string BadSignature = "TX_BAD_SIGNATURE";
    public const string HighS = "TX_HIGH_S_SIGNATURE";
    public const string UnknownMember = "TX_UNKNOWN_MEMBER";
    public const string MemberExpired = "TX_MEMBER_EXPIRED";
    public const string MemberRevoked = "TX_MEMBER_REVOKED";
    public const string MemberInvalid = "TX_MEMBER_INVALID";
    public const string DuplicateTx = "TX_DUPLICATE";
    public const string StaleTimestamp = "TX_STALE_TIMESTAMP";
    public const string FutureTimestamp = "TX_FUTURE_TIMESTAMP";
    public const string TxExpired = "TX_EXPIRED";
    public const string PoolFull = "TX_POOL_FULL";
    public const string UnknownContract = "TX_UNKNOWN_CONTRACT";
    public const string UnknownMethod = "TX_UNKNOWN_METHOD";
    public const string BadArgument = "TX_BAD_ARGUMENT";
    public const string PermissionDenied = "TX_PERMISSION_DENIED";

    // Contracts
    public const string EvidenceExists = "EVIDENCE_EXISTS";
    public const string NotFound = "NOT_FOUND";
    public const string ContractRevert = "CONTRACT_REVERT";
    public const string OutOfGas = "OUT_OF_GAS";
    public const string ContractExists = "CONTRACT_EXISTS";
    public const string ContractFrozen = "CONTRACT_FROZEN";
    public const string ContractRevoked = "CONTRACT_REVOKED";
    public const string ContractNameInvalid = "CONTRACT_NAME_INVALID";
    public const string ContractVersionInvalid = "CONTRACT_VERSION_INVALID";
    public const string ContractNotFrozen = "CONTRACT_NOT_FROZEN";
    public const string ContractReadOnly = "CONTRACT_READ_ONLY";
    public const string PolicyUnsatisfied = "POLICY_UNSATISFIED";

    // WebAssembly contracts: install time
    public const string WasmModuleMalformed = "WASM_MODULE_MALFORMED";
    public const string WasmImportUnknown = "WASM_IMPORT_UNKNOWN";
    public const string WasmMemoryTooLarge = "WASM_MEMORY_TOO_LARGE";
    public const string WasmMemoryMissing = "WASM_MEMORY_MISSING";
    public const string WasmLimitsExceeded = "WASM_LIMITS_EXCEEDED";

    // WebAssembly contracts: run time, deterministic results
    public const string WasmTrap = "WASM_TRAP";
    public const string WasmAbort = "WASM_ABORT";
    public const string WasmStackOverflow = "WASM_STACK_OVERFLOW";
    public const string WasmHostOutOfBounds = "WASM_HOST_OUT_OF_BOUNDS";
    public const string WasmHostLimit = "WASM_HOST_LIMIT";
    public const string WasmReadOnly = "WASM_READ_ONLY";
    public const string WasmCallDepth = "WASM_CALL_DEPTH";
    public const string WasmBadEncoding = "WASM_BAD_ENCODING";
    public const string WasmHostUnsupported = "WASM_HOST_UNSUPPORTED";

    // WebAssembly contracts: node-local failures, never a transaction result
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";
    public const string WasmInstantiateFailed = "WASM_INSTANTIATE_FAILED";

    // API and node
    public const string MalformedRequest = "REQUEST_MALFORMED";
    public const string NodeNotReady = "NODE_NOT_READY";
    public const string Unavailable = "NODE_UNAVAILABLE";
    public const string Internal = "INTERNAL";
    public const string ArgumentInvalid = "ARGUMENT_INVALID";
    public const string TxTimeout = "TX_TIMEOUT";
    public const string PortInUse = "PORT_IN_USE";

    // Configuration and files
    public const string ConfigInvalid = "CONFIG_INVALID";
    public const string NetworkExists = "NETWORK_EXISTS";
    public const string NetworkMissing = "NETWORK_MISSING";
    public const string IdentityInvalid = "IDENTITY_INVALID";
    public const string StorageCorrupt = "STORAGE_CORRUPT";
    public const string StorageLocked = "STORAGE_LOCKED";
}
