using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm;

/// <summary>
/// What a WebAssembly contract needs beyond <see cref="IContractContext"/>. The execution layer
/// implements it over the transaction's state; one instance per (transaction, contract, depth).
/// </summary>
public interface IWasmHostContext : IContractContext
{
    /// <summary>Gas left before the limit; the engine turns it into Wasmtime fuel.</summary>
    ulong RemainingGas { get; }

    /// <summary>True once a charge went past the limit (gas used is then the limit).</summary>
    bool OutOfGas { get; }

    /// <summary>0 for the transaction's own contract, +1 for each nested <see cref="Call"/>.</summary>
    int CallDepth { get; }

    /// <summary>
    /// This contract's entries with <paramref name="start"/> &lt;= key &lt; <paramref name="end"/>
    /// (unsigned byte order; an empty end means no upper bound), at most <paramref name="limit"/>,
    /// seeing the transaction's own writes. Must not charge gas: the host charges for it.
    /// </summary>
    IReadOnlyList<KeyValuePair<byte[], byte[]>> Range(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end, int limit);

    /// <summary>
    /// Runs another contract in the same transaction with its own state scope, sharing this gas
    /// meter, at <see cref="CallDepth"/> + 1. The callee's sender is the calling contract
    /// (<see cref="ContractSender"/>), never the transaction's signer, so a contract cannot spend
    /// its caller's assets. Its writes become part of the transaction; if it fails the caller fails
    /// too, so nothing needs undoing here.
    /// </summary>
    ContractResponse Call(string contract, string method, IReadOnlyList<Arg> args);
}
