namespace Chainweave.Storage;

/// <summary>Error codes of the storage layer not yet in <c>Chainweave.Core.Errors.ErrorCodes</c>.</summary>
public static class StorageErrorCodes
{
    /// <summary>The data folder is locked by another open store (usually another node process).</summary>
    public const string StorageLocked = "STORAGE_LOCKED";
}
