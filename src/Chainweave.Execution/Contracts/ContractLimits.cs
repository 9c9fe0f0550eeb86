namespace Chainweave.Execution.Contracts;

/// <summary>Limits every contract engine shares. Consensus-critical.</summary>
public static class ContractLimits
{
    /// <summary>Deepest nested call: the transaction's own contract is depth 0.</summary>
    public const int MaxCallDepth = 8;
}
