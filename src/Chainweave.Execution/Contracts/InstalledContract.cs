using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.SystemContracts;

namespace Chainweave.Execution.Contracts;

/// <summary>
/// An installed contract as the chain exposes it: its <c>init</c> method runs once, called by
/// CONTRACT_MANAGE at install, and is hidden from transactions, queries and other contracts.
/// </summary>
internal sealed class InstalledContract : IContract
{
    public const string InitMethod = "init";

    private readonly IContract _code;

    public InstalledContract(IContract code, ContractRecord record)
    {
        _code = code;
        Record = record;
    }

    public ContractRecord Record { get; }

    public string Name => _code.Name;

    public bool HasMethod(string method) => !IsInit(method) && _code.HasMethod(method);

    public bool IsReadOnly(string method) => _code.IsReadOnly(method);

    public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsInit(method) && !ContractSender.Is(context.Sender, ContractManageContract.ContractName))
        {
            return ContractResponse.Error(ErrorCodes.UnknownMethod, $"Contract '{Name}' has no method '{method}' (init runs only at install).");
        }

        return _code.Invoke(context, method, args);
    }

    private static bool IsInit(string method) => string.Equals(method, InitMethod, StringComparison.Ordinal);
}
