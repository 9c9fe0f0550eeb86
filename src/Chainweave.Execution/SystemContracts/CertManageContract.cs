using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.SystemContracts;

/// <summary>
/// On-chain certificate status. An organisation's admin revokes one of that organisation's
/// certificates; from the next block on, the pool refuses transactions signed with it.
/// </summary>
public sealed class CertManageContract : IContract
{
    public const string ContractName = "CERT_MANAGE";
    private static readonly byte[] RevokedPrefix = "revoked/"u8.ToArray();

    private readonly IChainView _chain;

    public CertManageContract(IChainView chain)
    {
        _chain = chain;
    }

    public string Name => ContractName;

    public bool HasMethod(string method) => method is "revoke" or "status";

    public bool IsReadOnly(string method) => method == "status";

    /// <summary>The state key under which a revoked certificate's hash is recorded.</summary>
    public static byte[] RevokedKey(ReadOnlySpan<byte> certHash)
    {
        var key = new byte[RevokedPrefix.Length + certHash.Length];
        RevokedPrefix.CopyTo(key, 0);
        certHash.CopyTo(key.AsSpan(RevokedPrefix.Length));
        return key;
    }

    public ContractResponse Invoke(IContractContext context, string method, IReadOnlyList<Arg> args)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hex = ArgList.FindString(args, "certHash");
        byte[] certHash;
        try
        {
            certHash = Convert.FromHexString(hex ?? string.Empty);
        }
        catch (FormatException)
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, "Argument 'certHash' must be the certificate hash in hex.");
        }

        if (certHash.Length == 0)
        {
            return ContractResponse.Error(ErrorCodes.BadArgument, "Argument 'certHash' is required.");
        }

        var revoked = context.GetState(RevokedKey(certHash)) is not null;
        if (method == "status")
        {
            return ContractResponse.Success(Encoding.UTF8.GetBytes(revoked ? "revoked" : "valid"));
        }

        if (!string.Equals(context.Sender.Role, "admin", StringComparison.Ordinal))
        {
            return ContractResponse.Error(ErrorCodes.PermissionDenied, "Only an organisation's admin may revoke a certificate.");
        }

        var org = _chain.CertificateOrg(certHash);
        if (org is null)
        {
            return ContractResponse.Error(ErrorCodes.NotFound, $"No certificate {hex} is registered on chain.");
        }

        if (!string.Equals(org, context.Sender.OrgId, StringComparison.Ordinal))
        {
            return ContractResponse.Error(ErrorCodes.PermissionDenied, $"The certificate belongs to {org}; only its own admins may revoke it.");
        }

        if (revoked)
        {
            return ContractResponse.Success(Encoding.UTF8.GetBytes("revoked"));
        }

        context.PutState(RevokedKey(certHash), [1]);
        context.Emit("cert.revoked", [certHash]);
        return ContractResponse.Success(Encoding.UTF8.GetBytes("revoked"));
    }
}
