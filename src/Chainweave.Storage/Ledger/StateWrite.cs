namespace Chainweave.Storage.Ledger;

/// <summary>One change to contract state made by a block; a null <see cref="Value"/> deletes the key.</summary>
public readonly record struct StateWrite(string Contract, byte[] Key, byte[]? Value);
