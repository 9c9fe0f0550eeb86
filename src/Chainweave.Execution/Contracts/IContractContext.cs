using Chainweave.Api.Ledger;

namespace Chainweave.Execution.Contracts;

/// <summary>What a running contract may see and do. State is scoped to the called contract.</summary>
public interface IContractContext
{
    byte[]? GetState(ReadOnlySpan<byte> key);

    /// <summary>Writes; throws <see cref="InvalidOperationException"/> in a read-only (query) context.</summary>
    void PutState(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    void DeleteState(ReadOnlySpan<byte> key);

    void Emit(string topic, IReadOnlyList<byte[]> data);

    /// <summary>The signer of the transaction; empty for queries.</summary>
    SenderInfo Sender { get; }

    /// <summary>Transaction id; empty for queries.</summary>
    ReadOnlyMemory<byte> TxId { get; }

    ulong BlockHeight { get; }

    long BlockTimeMs { get; }

    bool IsReadOnly { get; }

    /// <summary>Charges gas; returns false (and the call must stop) when the limit is exceeded.</summary>
    bool ChargeGas(ulong amount);

    /// <summary>Gas left before the limit (a WebAssembly engine turns it into fuel).</summary>
    ulong RemainingGas { get; }

    /// <summary>True once a charge went past the limit (gas used is then the limit).</summary>
    bool OutOfGas { get; }

    /// <summary>0 for the transaction's own contract, +1 for each nested <see cref="Call"/>.</summary>
    int CallDepth { get; }

    /// <summary>
    /// The transaction's verified endorsers (co-signers besides the sender), for policy checks.
    /// Empty for queries and nested calls: endorsements approve the transaction's own call only.
    /// </summary>
    IReadOnlyList<SenderInfo> Endorsers { get; }

    /// <summary>
    /// This contract's entries with <paramref name="start"/> &lt;= key &lt; <paramref name="end"/>
    /// (unsigned byte order; an empty end means no upper bound), at most <paramref name="limit"/>:
    /// committed state merged with the block's and this transaction's writes, deletions hidden.
    /// Charges no gas: a WebAssembly host charges per entry itself.
    /// </summary>
    IReadOnlyList<KeyValuePair<byte[], byte[]>> Range(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, int limit);

    /// <summary>
    /// Runs another contract in the same transaction with its own state scope, sharing this gas meter
    /// and read-only flag, at <see cref="CallDepth"/> + 1 (at most <see cref="ContractLimits.MaxCallDepth"/>).
    /// The callee's sender is the calling contract (<see cref="ContractSender.For"/>), never the
    /// transaction's signer. The callee's writes and events join the transaction only if it succeeds.
    /// </summary>
    ContractResponse Call(string contract, string method, IReadOnlyList<Arg> args);
}

/// <summary>The resolved signer of a transaction.</summary>
public sealed record SenderInfo(string OrgId, string Role, byte[] CertHash)
{
    public static SenderInfo None { get; } = new(string.Empty, string.Empty, []);
}
