using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;

namespace Chainweave.Consensus;

/// <summary>Transactions admitted by this node (signature, member and replay checks done), oldest first.</summary>
public interface ITxSource
{
    int Count { get; }

    /// <summary>Completes when at least one transaction is waiting.</summary>
    Task WaitForTransactionsAsync(CancellationToken cancellationToken);

    /// <summary>Moves up to maxTxs (and about maxBytes) of the oldest transactions into batch.</summary>
    void TakeBatch(int maxTxs, long maxBytes, List<PooledTx> batch);

    /// <summary>Forgets transactions that are now committed (they stay known as duplicates until then).</summary>
    void Committed(IReadOnlyList<byte[]> txIds);
}

/// <summary>A transaction that passed admission, kept with everything block production needs.</summary>
public sealed record PooledTx(byte[] TxId, byte[] Envelope, TxPayload Payload, SenderInfo Sender, byte[]? NewCertificateDer);
