using Chainweave.Api.Config;
using Chainweave.Core.Errors;
using Chainweave.Core.Identity;
using Chainweave.Core.Policies;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.SystemContracts;

/// <summary>
/// CONTRACT_MANAGE's policy check: the chain's <c>CONTRACT_MANAGE.method</c> or
/// <c>CONTRACT_MANAGE.*</c> policy (a majority of organisations' admins when none is configured),
/// evaluated over the transaction's sender and verified endorsers.
/// </summary>
internal sealed class ManagePolicies
{
    private readonly IChainView _chain;
    private Loaded? _loaded;

    public ManagePolicies(IChainView chain)
    {
        _chain = chain;
    }

    /// <summary>Null when allowed; otherwise the refusal (POLICY_UNSATISFIED).</summary>
    public ContractResponse? Check(IContractContext context, string method, string selfOrg)
    {
        var policy = Book().FindOrDefault(ContractManageContract.ContractName, method, PolicyRule.Majority, [MemberRoles.AdminText]);
        var signers = new List<PolicySigner>(context.Endorsers.Count + 1) { new(context.Sender.OrgId, context.Sender.Role) };
        for (var i = 0; i < context.Endorsers.Count; i++)
        {
            signers.Add(new PolicySigner(context.Endorsers[i].OrgId, context.Endorsers[i].Role));
        }

        var decision = policy.Evaluate(signers, selfOrg);
        return decision.Satisfied ? null : ContractResponse.Error(ErrorCodes.PolicyUnsatisfied, decision.Reason);
    }

    /// <summary>The policies of the current config, rebuilt only when the config object changes.</summary>
    private PolicyBook Book()
    {
        var config = _chain.Config;
        var loaded = _loaded;
        if (loaded is null || !ReferenceEquals(loaded.Config, config))
        {
            loaded = new Loaded(config, new PolicyBook(config));
            _loaded = loaded;
        }

        return loaded.Book;
    }

    private sealed record Loaded(ChainConfig Config, PolicyBook Book);
}
