using Chainweave.Api.Config;
using Chainweave.Core.Errors;
using Chainweave.Core.Policies;
using CsCheck;

namespace Chainweave.Execution.Tests;

public sealed class PolicyTests
{
    private static readonly string[] Orgs = ["org1", "org2", "org3", "org4", "org5", "org6", "org7"];

    /// <summary>A scope of 1 to 7 organisations and signers drawn from them (and an outsider), with admin or client roles.</summary>
    private static readonly Gen<(int Total, PolicySigner[] Signers)> Cases =
        Gen.Int[1, Orgs.Length].SelectMany(total =>
            Gen.Select(Gen.Int[0, total], Gen.Bool).Array[0, 12].Select(picks =>
                (total, picks.Select(p => new PolicySigner(p.Item1 == total ? "outsider" : Orgs[p.Item1], p.Item2 ? "admin" : "client")).ToArray())));

    private static AccessPolicy Admins(PolicyRule rule, int total) => new("X.y", rule, Orgs.Take(total), ["admin"]);

    private static int DistinctAdminOrgs(PolicySigner[] signers, int total) =>
        signers.Where(s => s.Role == "admin" && Orgs.Take(total).Contains(s.OrgId)).Select(s => s.OrgId).Distinct().Count();

    [Fact]
    public void Majority_is_met_exactly_when_more_than_half_of_the_organisations_sign_as_admin()
    {
        Cases.Sample(c =>
            Admins(PolicyRule.Majority, c.Total).Evaluate(c.Signers).Satisfied == (DistinctAdminOrgs(c.Signers, c.Total) * 2 > c.Total));
    }

    [Fact]
    public void A_fraction_needs_its_share_of_organisations_rounded_up()
    {
        Gen.Select(Cases, Gen.Int[1, 5], Gen.Int[0, 4]).Sample(t =>
        {
            var ((total, signers), b, extra) = t;
            var a = Math.Min(b, 1 + extra);
            var required = (int)Math.Ceiling(a * (double)total / b);
            return Admins(new PolicyRule(PolicyRuleKind.Fraction, Numerator: a, Denominator: b), total).Evaluate(signers).Satisfied
                == (DistinctAdminOrgs(signers, total) >= required);
        });
    }

    [Fact]
    public void Adding_signers_never_unsatisfies_a_policy()
    {
        PolicyRule[] rules = [PolicyRule.Any, PolicyRule.Majority, PolicyRule.All, PolicyRule.Self, new(PolicyRuleKind.AtLeast, Count: 2), new(PolicyRuleKind.Fraction, Numerator: 2, Denominator: 3)];
        Gen.Select(Cases, Cases, Gen.Int[0, rules.Length - 1]).Sample(t =>
        {
            var ((total, signers), (_, more), r) = t;
            var policy = Admins(rules[r], total);
            return !policy.Evaluate(signers, "org1").Satisfied || policy.Evaluate([.. signers, .. more], "org1").Satisfied;
        });
    }

    [Fact]
    public void Forbidden_is_never_met()
    {
        Cases.Sample(c => !Admins(PolicyRule.Forbidden, c.Total).Evaluate(c.Signers, "org1").Satisfied);
    }

    [Fact]
    public void All_any_and_self_follow_their_definitions()
    {
        Cases.Sample(c =>
        {
            var count = DistinctAdminOrgs(c.Signers, c.Total);
            var selfSigned = c.Signers.Any(s => s.OrgId == "org1" && s.Role == "admin");
            return Admins(PolicyRule.All, c.Total).Evaluate(c.Signers).Satisfied == (count == c.Total)
                && Admins(PolicyRule.Any, c.Total).Evaluate(c.Signers).Satisfied == (count >= 1)
                && Admins(PolicyRule.Self, c.Total).Evaluate(c.Signers, "org1").Satisfied == selfSigned;
        });
    }

    [Theory]
    [InlineData("ANY", PolicyRuleKind.Any, "ANY")]
    [InlineData("majority", PolicyRuleKind.Majority, "MAJORITY")]
    [InlineData(" ALL ", PolicyRuleKind.All, "ALL")]
    [InlineData("SELF", PolicyRuleKind.Self, "SELF")]
    [InlineData("FORBIDDEN", PolicyRuleKind.Forbidden, "FORBIDDEN")]
    [InlineData("2", PolicyRuleKind.AtLeast, "2")]
    [InlineData("2/3", PolicyRuleKind.Fraction, "2/3")]
    public void Rules_parse(string text, PolicyRuleKind kind, string normalised)
    {
        Assert.True(PolicyRule.TryParse(text, out var rule, out _));
        Assert.Equal(kind, rule.Kind);
        Assert.Equal(normalised, rule.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("3/2")]
    [InlineData("1/0")]
    [InlineData("most")]
    public void Bad_rules_are_refused_with_a_reason(string text)
    {
        Assert.False(PolicyRule.TryParse(text, out _, out var error));
        Assert.Contains("policy rule", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_book_prefers_the_exact_resource_and_fills_empty_org_lists_with_every_organisation()
    {
        var config = new ChainConfig { Orgs = { new Organization { OrgId = "a" }, new Organization { OrgId = "b" } } };
        config.Policies.Add(new Policy { Resource = "C.*", Rule = "ALL" });
        config.Policies.Add(new Policy { Resource = "C.FREEZE", Rule = "ANY", OrgIds = { "b" } });
        var book = new PolicyBook(config);

        Assert.Equal(["a", "b"], book.Find("C", "install")!.Orgs.Order());
        Assert.Equal(PolicyRuleKind.Any, book.Find("C", "freeze")!.Rule.Kind);
        Assert.Equal(["b"], book.Find("C", "freeze")!.Orgs);
        Assert.Null(book.Find("D", "x"));
    }

    [Fact]
    public void A_config_with_a_bad_rule_is_refused()
    {
        var config = new ChainConfig { Policies = { new Policy { Resource = "C.*", Rule = "SOME" } } };

        Assert.Equal(ErrorCodes.ConfigInvalid, Assert.Throws<ChainError>(() => new PolicyBook(config)).Code);
    }
}
