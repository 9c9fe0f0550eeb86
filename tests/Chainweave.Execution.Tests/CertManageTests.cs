using Chainweave.Api.Config;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Execution.Contracts;
using Chainweave.Execution.Running;
using Chainweave.Execution.SystemContracts;
using Google.Protobuf;
using static Chainweave.Execution.Tests.ContractChain;

namespace Chainweave.Execution.Tests;

/// <summary>Revoking a certificate follows the CERT_MANAGE.revoke policy, SELF being the certificate's organisation.</summary>
public sealed class CertManageTests
{
    private const string Org1Member = "0a0b0c";
    private readonly FakeChainView _chain = new();
    private readonly MemoryLedger _ledger = new();
    private readonly BlockExecutor _executor;
    private int _txs;

    public CertManageTests()
    {
        _chain.Certificates[Org1Member] = "org1";
        _executor = new BlockExecutor(new ContractRegistry([new CertManageContract(_chain)]), CryptoSuites.Get("nist"), GasLimit);
    }

    [Fact]
    public void An_organisations_admin_revokes_its_own_member()
    {
        var result = Revoke(Org1Member, Admin("org1"));

        Assert.Equal(TxStatus.Success, result.Status);
        Assert.Equal("revoked", Status(Org1Member));
    }

    [Theory]
    [InlineData("org2", "admin")]
    [InlineData("org1", "client")]
    public void Anyone_else_is_refused_by_the_policy(string org, string role)
    {
        var result = Revoke(Org1Member, new SenderInfo(org, role, [1]));

        Assert.Equal(TxStatus.ContractError, result.Status);
        Assert.Equal(ErrorCodes.PolicyUnsatisfied, result.Code);
        Assert.Equal("valid", Status(Org1Member));
    }

    [Fact]
    public void A_configured_majority_policy_needs_endorsements_from_other_organisations()
    {
        _chain.Config.Policies.Add(new Policy { Resource = "CERT_MANAGE.revoke", Rule = "MAJORITY", Roles = { "admin" } });

        var alone = Revoke(Org1Member, Admin("org1"));
        var endorsed = Revoke(Org1Member, Admin("org1"), Admin("org3"));

        Assert.Equal(ErrorCodes.PolicyUnsatisfied, alone.Code);
        Assert.Equal(TxStatus.Success, endorsed.Status);
    }

    [Fact]
    public void An_unknown_certificate_is_not_found()
    {
        Assert.Equal(ErrorCodes.NotFound, Revoke("ffff", Admin("org1")).Code);
    }

    private TxResult Revoke(string certHash, SenderInfo sender, params SenderInfo[] endorsers)
    {
        var payload = new TxPayload { ChainId = "test-chain", Contract = CertManageContract.ContractName, Method = "revoke" };
        payload.Args.Add(new Arg { Key = "certHash", Value = ByteString.CopyFromUtf8(certHash) });
        var tx = new ExecutableTx(BitConverter.GetBytes(++_txs), payload, sender, endorsers);
        var output = _executor.Execute(_ledger, new BlockContext((ulong)_txs, _txs), [tx]);
        _ledger.Commit(output.Changes);
        return output.Results[0];
    }

    private string Status(string certHash) =>
        Text(_executor.Query(_ledger, new BlockContext(1, 1), CertManageContract.ContractName, "status", [new Arg { Key = "certHash", Value = ByteString.CopyFromUtf8(certHash) }]).Value);
}
