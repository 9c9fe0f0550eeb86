using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.Tests;

/// <summary>
/// A native test contract. Every method first applies its "put:KEY" (write) and "del:KEY" (delete)
/// arguments; "range" then returns "key=value,..." of the whole contract (optional "limit").
/// </summary>
internal sealed class RangeContract : IContract
{
    public const string ContractName = "RANGER";

    public string Name => ContractName;

    public bool HasMethod(string method) => method is "put" or "range" or "scan";

    public bool IsReadOnly(string method) => method == "scan";

    public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        var limit = 100;
        foreach (var arg in args)
        {
            if (arg.Key.StartsWith("put:", StringComparison.Ordinal))
            {
                context.PutState(Encoding.UTF8.GetBytes(arg.Key[4..]), arg.Value.Span);
            }
            else if (arg.Key.StartsWith("del:", StringComparison.Ordinal))
            {
                context.DeleteState(Encoding.UTF8.GetBytes(arg.Key[4..]));
            }
            else if (arg.Key == "limit")
            {
                limit = int.Parse(arg.Value.ToStringUtf8(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (method == "put")
        {
            return ContractResponse.Success();
        }

        var entries = context.Range([], [], limit);
        var text = string.Join(",", entries.Select(e => Encoding.UTF8.GetString(e.Key) + "=" + Encoding.UTF8.GetString(e.Value)));
        return ContractResponse.Success(Encoding.UTF8.GetBytes(text));
    }
}
