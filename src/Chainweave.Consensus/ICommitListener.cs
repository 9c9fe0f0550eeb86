using Chainweave.Storage.Ledger;

namespace Chainweave.Consensus;

/// <summary>Hears of each block after it is durably written.</summary>
public interface ICommitListener
{
    void OnCommitted(CommittedBlock block);
}
