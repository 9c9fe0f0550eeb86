namespace Chainweave.Storage.Ledger;

/// <summary>The last committed block: its height and hash, read together.</summary>
public sealed record LedgerTip(ulong Height, byte[] Hash);
