using System.Text;
using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Core.Policies;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.SystemContracts;

/// <summary>
/// On-chain certificate status. Revoking a certificate is governed by the <c>CERT_MANAGE.revoke</c>
/// policy, where SELF is the certificate's organisation (when none is configured: SELF over admins,
/// so an organisation's admin revokes its own members); from the next block on, the pool refuses
/// transactions signed with a revoked certificate.
/// </summary>
public sealed class CertManageContract : IContract
{
    public const string ContractName = "CERT_MANAGE";
    private static readonly byte[] RevokedPrefix = "revoked/"u8.ToArray();

    private readonly IChainView _chain;
    private readonly SystemPolicies _policies;

    public CertManageContract(IChainView chain)
    {
        _chain = chain;
        _policies = new SystemPolicies(chain, ContractName, PolicyRule.Self);
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

        var org = _chain.CertificateOrg(certHash);
        if (org is null)
        {
            return ContractResponse.Error(ErrorCodes.NotFound, $"No certificate {hex} is registered on chain.");
        }

        if (_policies.Check(context, method, selfOrg: org) is { } denied)
        {
            return denied;
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
