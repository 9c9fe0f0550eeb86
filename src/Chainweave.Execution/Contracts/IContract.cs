using Chainweave.Api.Ledger;

namespace Chainweave.Execution.Contracts;

/// <summary>
/// A contract the node can run: native system contracts now, WebAssembly and EVM engines later
/// behind the same shape. Invocation must be deterministic: no clock, no randomness, no
/// unordered iteration — everything comes from the context.
/// </summary>
public interface IContract
{
    string Name { get; }

    bool HasMethod(string method);

    /// <summary>True when the method only reads, so it may be served by Query without a transaction.</summary>
    bool IsReadOnly(string method);

    ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args);
}

/// <summary>The outcome of one call: a return value, or a typed business error (writes are then discarded).</summary>
public readonly record struct ContractResponse(bool Ok, byte[] Value, string Code, string Message)
{
    public static ContractResponse Success(byte[]? value = null) => new(true, value ?? [], string.Empty, string.Empty);

    public static ContractResponse Error(string code, string message) => new(false, [], code, message);
}
