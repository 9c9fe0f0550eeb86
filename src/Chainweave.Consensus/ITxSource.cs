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

    /// <summary>
    /// Puts back transactions taken for a block that did not commit (a proposal that lost its round),
    /// oldest first; those committed meanwhile are skipped.
    /// </summary>
    void Requeue(IReadOnlyList<PooledTx> txs);

    /// <summary>
    /// Checks a transaction of a block this node did not build (a peer's proposal, a synced block).
    /// A transaction already admitted here is answered from the pool without a second signature check;
    /// any other passes every admission check, with the block's time in place of the node's clock so
    /// that every node decides alike, and is then kept in the pool like a submitted one (a commit removes it). Null when invalid, with the reason.
    /// </summary>
    PooledTx? Resolve(ReadOnlyMemory<byte> envelope, long blockTimeMs, out string errorCode, out string errorMessage);

    /// <summary>
    /// <see cref="Resolve"/> for each envelope, into the same index of the three outputs. A source may check
    /// the signatures together (the pool does: eight SM2 verifications per AVX-512 pass); this default
    /// resolves one by one.
    /// </summary>
    void ResolveMany(ReadOnlySpan<ReadOnlyMemory<byte>> envelopes, long blockTimeMs, Span<PooledTx?> resolved, Span<string> errorCodes, Span<string> errorMessages)
    {
        for (var i = 0; i < envelopes.Length; i++)
        {
            resolved[i] = Resolve(envelopes[i], blockTimeMs, out errorCodes[i], out errorMessages[i]);
        }
    }
}

/// <summary>
/// A transaction that passed admission, kept with everything block production needs; Endorsers are
/// the resolved signers of its verified endorsements (null = none).
/// </summary>
public sealed record PooledTx(byte[] TxId, byte[] Envelope, TxPayload Payload, SenderInfo Sender, byte[]? NewCertificateDer, IReadOnlyList<SenderInfo>? Endorsers = null);
