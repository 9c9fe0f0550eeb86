using Chainweave.Api.Config;
using Chainweave.Core.Identity;

namespace Chainweave.Core.Genesis;

/// <summary>The parameters and policies a new chain starts with.</summary>
public static class ChainDefaults
{
    public const string IdentityModeCert = "cert";

    public static BlockParams Block() => new()
    {
        MaxTxs = 10_000,
        MaxBlockBytes = 64 * 1024 * 1024,
        IntervalMs = 100,
    };

    public static TxParams Tx() => new()
    {
        MaxTxBytes = 1024 * 1024,
        TimestampWindowS = 600,
        PoolMaxTxs = 200_000,
        PoolMaxBytes = 512UL * 1024 * 1024,
        DefaultGasLimit = 10_000_000,
    };

    /// <summary>
    /// Configuration and contract lifecycle need a majority of organisations' admins; an organisation's
    /// admin manages its own members' certificates.
    /// </summary>
    public static IEnumerable<Policy> Policies()
    {
        yield return AdminPolicy("CHAIN_CONFIG.*", "MAJORITY");
        yield return AdminPolicy("CONTRACT_MANAGE.*", "MAJORITY");
        yield return AdminPolicy("CERT_MANAGE.REVOKE", "SELF");
        yield return AdminPolicy("CERT_MANAGE.FREEZE", "SELF");
        yield return AdminPolicy("CERT_MANAGE.UNFREEZE", "SELF");
    }

    private static Policy AdminPolicy(string resource, string rule) => new()
    {
        Resource = resource,
        Rule = rule,
        Roles = { MemberRoles.AdminText },
    };
}
