using Chainweave.Storage.Ledger;

namespace Chainweave.Execution.State;

/// <summary>Committed state ranges straight from the ledger.</summary>
public sealed class LedgerStateScanner : IStateScanner
{
    private readonly LedgerStore _ledger;

    public LedgerStateScanner(LedgerStore ledger)
    {
        _ledger = ledger;
    }

    public IEnumerable<(byte[] Key, byte[] Value)> Scan(string contract, byte[] fromKey, byte[]? toKey) =>
        _ledger.ScanState(contract, fromKey, toKey);
}
