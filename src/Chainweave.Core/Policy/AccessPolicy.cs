using Chainweave.Core.Errors;
using ConfigPolicy = Chainweave.Api.Config.Policy;

namespace Chainweave.Core.Policies;

/// <summary>
/// A policy ready to evaluate: a rule over a set of organisations (empty in config = every
/// organisation of the chain) whose members count only with one of the listed roles (none listed =
/// any role). An organisation approves when at least one of the transaction's verified signers
/// belongs to it with a qualifying role.
/// </summary>
public sealed class AccessPolicy
{
    private readonly HashSet<string> _orgs;
    private readonly HashSet<string> _roles;

    public AccessPolicy(string resource, PolicyRule rule, IEnumerable<string> orgs, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Resource = resource;
        Rule = rule;
        _orgs = new HashSet<string>(orgs, StringComparer.Ordinal);
        _roles = new HashSet<string>(roles, StringComparer.OrdinalIgnoreCase);
    }

    public string Resource { get; }

    public PolicyRule Rule { get; }

    public IReadOnlyCollection<string> Orgs => _orgs;

    public IReadOnlyCollection<string> Roles => _roles;

    /// <summary>Builds from configuration; <paramref name="chainOrgs"/> stand in for an empty org list.</summary>
    /// <exception cref="ChainError">CONFIG_INVALID when the rule does not parse.</exception>
    public static AccessPolicy FromConfig(ConfigPolicy policy, IEnumerable<string> chainOrgs)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!PolicyRule.TryParse(policy.Rule, out var rule, out var error))
        {
            throw new ChainError(ErrorCodes.ConfigInvalid, $"Policy {policy.Resource}: {error}");
        }

        return new AccessPolicy(policy.Resource, rule, policy.OrgIds.Count == 0 ? chainOrgs : policy.OrgIds, policy.Roles);
    }

    /// <summary>
    /// Evaluates against the distinct (org, role) of the verified signers. <paramref name="selfOrg"/>
    /// is the organisation SELF refers to.
    /// </summary>
    public PolicyDecision Evaluate(IReadOnlyList<PolicySigner> signers, string? selfOrg = null)
    {
        ArgumentNullException.ThrowIfNull(signers);
        if (Rule.Kind == PolicyRuleKind.Forbidden)
        {
            return PolicyDecision.NotMet($"{Resource} is forbidden by policy.");
        }

        var approving = ApprovingOrgs(signers);
        if (Rule.Kind == PolicyRuleKind.Self)
        {
            return selfOrg is not null && approving.Contains(selfOrg)
                ? PolicyDecision.Met
                : PolicyDecision.NotMet($"{Resource} needs a signature from {RoleText()} of {(string.IsNullOrEmpty(selfOrg) ? "the owning organisation" : selfOrg)}.");
        }

        var required = Rule.Required(_orgs.Count);
        return approving.Count >= required
            ? PolicyDecision.Met
            : PolicyDecision.NotMet($"{Resource} needs {Rule} of {_orgs.Count} organisation(s) to sign as {RoleText()}; {approving.Count} did ({string.Join(", ", approving.Order(StringComparer.Ordinal))}). Add endorsements.");
    }

    private HashSet<string> ApprovingOrgs(IReadOnlyList<PolicySigner> signers)
    {
        var approving = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < signers.Count; i++)
        {
            var signer = signers[i];
            if (_orgs.Contains(signer.OrgId) && (_roles.Count == 0 || _roles.Contains(signer.Role)))
            {
                approving.Add(signer.OrgId);
            }
        }

        return approving;
    }

    private string RoleText() => _roles.Count == 0 ? "any member" : string.Join(" or ", _roles.Order(StringComparer.Ordinal));
}
