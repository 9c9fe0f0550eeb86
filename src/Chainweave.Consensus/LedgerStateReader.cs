using Chainweave.Execution.State;
using Chainweave.Storage.Ledger;

namespace Chainweave.Consensus;

/// <summary>Committed contract state straight from the ledger.</summary>
public sealed class LedgerStateReader : IStateReader
{
    private readonly LedgerStore _ledger;

    public LedgerStateReader(LedgerStore ledger)
    {
        _ledger = ledger;
    }

    public byte[]? Get(string contract, ReadOnlySpan<byte> key) => _ledger.GetState(contract, key);
}
