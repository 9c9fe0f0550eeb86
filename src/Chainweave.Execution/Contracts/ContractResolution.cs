using Chainweave.Core.Errors;

namespace Chainweave.Execution.Contracts;

/// <summary>What a contract name resolves to: a callable contract, or why there is none.</summary>
public readonly record struct ContractResolution(IContract? Contract, string Code, string Message)
{
    public bool Callable => Contract is not null;

    /// <summary>True when the name is not a contract at all (as opposed to one that is frozen or revoked).</summary>
    public bool IsUnknown => Contract is null && Code == ErrorCodes.UnknownContract;

    public static ContractResolution Found(IContract contract) => new(contract, string.Empty, string.Empty);

    public static ContractResolution Unknown(string name) =>
        new(null, ErrorCodes.UnknownContract, $"There is no contract named '{name}' on this chain.");

    public static ContractResolution Refused(string code, string message) => new(null, code, message);
}
