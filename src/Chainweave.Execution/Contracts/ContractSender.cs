using System.Text;

namespace Chainweave.Execution.Contracts;

/// <summary>How a calling contract appears as <see cref="IContractContext.Sender"/> to its callee.</summary>
public static class ContractSender
{
    public const string Role = "contract";

    public static SenderInfo For(string callerContract) =>
        new(string.Empty, Role, Encoding.UTF8.GetBytes(callerContract));

    /// <summary>True when <paramref name="sender"/> is the contract named <paramref name="contract"/> calling.</summary>
    public static bool Is(SenderInfo sender, string contract)
    {
        ArgumentNullException.ThrowIfNull(sender);
        return string.Equals(sender.Role, Role, StringComparison.Ordinal)
            && sender.OrgId.Length == 0
            && sender.CertHash.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(contract));
    }
}
