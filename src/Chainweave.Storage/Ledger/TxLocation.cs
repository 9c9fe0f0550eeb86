namespace Chainweave.Storage.Ledger;

/// <summary>Where a committed transaction is: block height and its index within the block.</summary>
public readonly record struct TxLocation(ulong Height, int Index);
