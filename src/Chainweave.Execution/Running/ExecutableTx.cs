using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;
using Chainweave.Storage.Ledger;

namespace Chainweave.Execution.Running;

/// <summary>
/// An admitted transaction: its id, decoded payload, resolved sender and the resolved signers of
/// its verified endorsements (null = none).
/// </summary>
public sealed record ExecutableTx(byte[] TxId, TxPayload Payload, SenderInfo Sender, IReadOnlyList<SenderInfo>? Endorsers = null);

/// <summary>The block a transaction runs in.</summary>
public readonly record struct BlockContext(ulong Height, long TimeMs);

/// <summary>
/// Per-transaction results in block order, the block's state changes in first-write order, and the
/// dependency graph: for each transaction, the earlier ones whose writes it read.
/// </summary>
public sealed record ExecutionOutput(IReadOnlyList<TxResult> Results, IReadOnlyList<StateWrite> Changes, Dag Dag);
