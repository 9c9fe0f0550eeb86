using Chainweave.Api.Config;
using Chainweave.Core.Errors;
using Chainweave.Core.Identity;
using Chainweave.Core.Policies;
using Chainweave.Execution.Contracts;

namespace Chainweave.Execution.SystemContracts;

/// <summary>
/// A system contract's policy check: the chain's <c>CONTRACT.method</c> or <c>CONTRACT.*</c> policy
/// (a fallback rule over organisations' admins when none is configured), evaluated over the
/// transaction's sender and verified endorsers. Shared by every transaction a block runs in
/// parallel: the only state is the policy book of the config in force, swapped whole.
/// </summary>
internal sealed class SystemPolicies
{
    private readonly IChainView _chain;
    private readonly string _contract;
    private readonly PolicyRule _fallback;
    private Loaded? _loaded;

    public SystemPolicies(IChainView chain, string contract, PolicyRule fallback)
    {
        _chain = chain;
        _contract = contract;
        _fallback = fallback;
    }

    /// <summary>Null when allowed; otherwise the refusal (POLICY_UNSATISFIED).</summary>
    public ContractResponse? Check(IContractContext context, string method, string selfOrg)
    {
        var policy = Book().FindOrDefault(_contract, method, _fallback, [MemberRoles.AdminText]);
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
        var loaded = Volatile.Read(ref _loaded);
        if (loaded is null || !ReferenceEquals(loaded.Config, config))
        {
            loaded = new Loaded(config, new PolicyBook(config));
            Volatile.Write(ref _loaded, loaded);
        }

        return loaded.Book;
    }

    private sealed record Loaded(ChainConfig Config, PolicyBook Book);
}
