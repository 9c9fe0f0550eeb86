using System.Text;
using Chainweave.Execution.Contracts;

namespace Chainweave.Contracts.Wasm;

/// <summary>How a calling contract appears as <see cref="IContractContext.Sender"/> to its callee.</summary>
public static class ContractSender
{
    public const string Role = "contract";

    public static SenderInfo For(string callerContract) =>
        new(string.Empty, Role, Encoding.UTF8.GetBytes(callerContract));
}
