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
