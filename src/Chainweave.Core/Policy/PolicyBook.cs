using Chainweave.Api.Config;

namespace Chainweave.Core.Policies;

/// <summary>
/// The chain's policies by resource (<c>CONTRACT.METHOD</c>, or <c>CONTRACT.*</c> for every method).
/// An exact resource wins over the contract's wildcard; names compare case-insensitively because
/// default policies spell methods in upper case.
/// </summary>
public sealed class PolicyBook
{
    private readonly Dictionary<string, AccessPolicy> _byResource = new(StringComparer.OrdinalIgnoreCase);

    /// <exception cref="Chainweave.Core.Errors.ChainError">CONFIG_INVALID when a rule does not parse.</exception>
    public PolicyBook(ChainConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var orgs = new List<string>(config.Orgs.Count);
        foreach (var org in config.Orgs)
        {
            orgs.Add(org.OrgId);
        }

        ChainOrgs = orgs;
        foreach (var policy in config.Policies)
        {
            // The last definition of a resource wins, as a later config change would.
            _byResource[policy.Resource] = AccessPolicy.FromConfig(policy, orgs);
        }
    }

    /// <summary>Every organisation of the chain.</summary>
    public IReadOnlyList<string> ChainOrgs { get; }

    /// <summary>The policy for contract.method, or null when none applies.</summary>
    public AccessPolicy? Find(string contract, string method)
    {
        if (_byResource.TryGetValue(contract + "." + method, out var exact))
        {
            return exact;
        }

        return _byResource.TryGetValue(contract + ".*", out var wildcard) ? wildcard : null;
    }

    /// <summary>The policy for contract.method, or <paramref name="fallback"/> (rule over every organisation of the chain) when none is configured.</summary>
    public AccessPolicy FindOrDefault(string contract, string method, PolicyRule fallback, IEnumerable<string> fallbackRoles) =>
        Find(contract, method) ?? new AccessPolicy(contract + "." + method, fallback, ChainOrgs, fallbackRoles);
}
