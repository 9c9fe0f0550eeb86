using System.Text;
using System.Text.Json;
using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.SystemContracts;
using static Chainweave.Execution.Tests.ContractChain;

namespace Chainweave.Execution.Tests;

[Collection(SampleContractsCollection.Name)]
public sealed class ContractLifecycleTests
{
    private const string Manage = ContractManageContract.ContractName;
    private readonly SampleContracts _samples;
    private readonly ContractChain _chain;

    public ContractLifecycleTests(SampleContracts samples)
    {
        _samples = samples;
        _chain = new ContractChain(samples);
    }

    private static byte[] Holder => Admin("org1").CertHash;

    [Fact]
    public void An_installed_token_mints_transfers_and_answers_balance_queries()
    {
        var install = _chain.Run(_chain.Install("TOKEN", _samples.Token));
        Assert.Equal(TxStatus.Success, install.Status);
        Assert.Contains(install.Events, e => e.Contract == Manage && e.Topic == "contract.installed");

        var mint = _chain.Run(_chain.Tx(Admin("org1"), "TOKEN", "mint", [Arg("to", Holder), Arg("amount", "100")]));
        var transfer = _chain.Run(_chain.Tx(Admin("org1"), "TOKEN", "transfer", [Arg("to", "bob"), Arg("amount", "30")]));

        Assert.Equal(TxStatus.Success, mint.Status);
        Assert.Equal(TxStatus.Success, transfer.Status);
        var ev = Assert.Single(transfer.Events);
        Assert.Equal(("TOKEN", "transfer"), (ev.Contract, ev.Topic));
        Assert.Equal("70", Text(_chain.Query("TOKEN", "balance", Arg("owner", Holder)).Value));
        Assert.Equal("30", Text(_chain.Query("TOKEN", "balance", Arg("owner", "bob")).Value));
    }

    [Fact]
    public void A_contract_installed_earlier_in_a_block_is_callable_later_in_the_same_block()
    {
        var results = _chain.Block(
            _chain.Install("TOKEN", _samples.Token),
            _chain.Tx(Admin("org1"), "TOKEN", "mint", [Arg("to", "bob"), Arg("amount", "5")]));

        Assert.All(results, r => Assert.Equal(TxStatus.Success, r.Status));
        Assert.Equal("5", Text(_chain.Query("TOKEN", "balance", Arg("owner", "bob")).Value));
    }

    [Fact]
    public void Install_is_refused_without_a_majority_of_organisations_admins()
    {
        var alone = _chain.Tx(Admin("org1"), Manage, "install", [Arg("name", "TOKEN"), Arg("version", "1"), Arg("wasm", _samples.Token)]);
        var withClient = _chain.Tx(Admin("org1"), Manage, "install", [Arg("name", "TOKEN"), Arg("version", "1"), Arg("wasm", _samples.Token)], Client("org2"));
        var sameOrgTwice = _chain.Tx(Admin("org1"), Manage, "install", [Arg("name", "TOKEN"), Arg("version", "1"), Arg("wasm", _samples.Token)], Admin("org1"));

        foreach (var result in _chain.Block(alone, withClient, sameOrgTwice))
        {
            Assert.Equal(TxStatus.ContractError, result.Status);
            Assert.Equal(ErrorCodes.PolicyUnsatisfied, result.Code);
        }

        Assert.False(_chain.Ledger.HasAny(Manage));
        Assert.Equal(ErrorCodes.UnknownContract, _chain.Query("TOKEN", "balance", Arg("owner", "bob")).Code);
    }

    [Fact]
    public void An_upgrade_keeps_the_contracts_state_and_needs_a_new_version()
    {
        _chain.Run(_chain.Install("TOKEN", _samples.Token));
        _chain.Run(_chain.Tx(Admin("org1"), "TOKEN", "mint", [Arg("to", "bob"), Arg("amount", "42")]));

        var sameVersion = _chain.Run(_chain.Manage("upgrade", "TOKEN", Arg("version", "1.0"), Arg("wasm", _samples.Kv)));
        var upgrade = _chain.Run(_chain.Manage("upgrade", "TOKEN", Arg("version", "2.0"), Arg("wasm", _samples.Kv)));

        Assert.Equal(ErrorCodes.ContractVersionInvalid, sameVersion.Code);
        Assert.Equal(TxStatus.Success, upgrade.Status);
        // The key-value code now reads the token's balance record ("b" + holder) from the same state.
        Assert.Equal("42", Text(_chain.Query("TOKEN", "get", Arg("key", "bbob")).Value));
        using var info = JsonDocument.Parse(_chain.Query(Manage, "get", Arg("name", "TOKEN")).Value);
        Assert.Equal("2.0", info.RootElement.GetProperty("version").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(_samples.Kv)), info.RootElement.GetProperty("codeHash").GetString());
    }

    [Fact]
    public void Freeze_blocks_calls_and_unfreeze_restores_them()
    {
        _chain.Run(_chain.Install("TOKEN", _samples.Token));
        Assert.Equal(TxStatus.Success, _chain.Run(_chain.Manage("freeze", "TOKEN")).Status);

        var frozen = _chain.Run(_chain.Tx(Admin("org1"), "TOKEN", "mint", [Arg("to", "bob"), Arg("amount", "1")]));
        Assert.Equal(TxStatus.ContractError, frozen.Status);
        Assert.Equal(ErrorCodes.ContractFrozen, frozen.Code);
        Assert.Equal(ErrorCodes.ContractFrozen, _chain.Query("TOKEN", "balance", Arg("owner", "bob")).Code);
        Assert.Equal(ErrorCodes.ContractFrozen, _chain.Run(_chain.Manage("freeze", "TOKEN")).Code);

        Assert.Equal(TxStatus.Success, _chain.Run(_chain.Manage("unfreeze", "TOKEN")).Status);
        Assert.Equal(TxStatus.Success, _chain.Run(_chain.Tx(Admin("org1"), "TOKEN", "mint", [Arg("to", "bob"), Arg("amount", "1")])).Status);
        Assert.Equal(ErrorCodes.ContractNotFrozen, _chain.Run(_chain.Manage("unfreeze", "TOKEN")).Code);
    }

    [Fact]
    public void Revocation_is_final()
    {
        _chain.Run(_chain.Install("TOKEN", _samples.Token));
        Assert.Equal(TxStatus.Success, _chain.Run(_chain.Manage("revoke", "TOKEN")).Status);

        Assert.Equal(ErrorCodes.ContractRevoked, _chain.Run(_chain.Tx(Admin("org1"), "TOKEN", "mint", [Arg("to", "bob"), Arg("amount", "1")])).Code);
        Assert.Equal(ErrorCodes.ContractRevoked, _chain.Run(_chain.Manage("unfreeze", "TOKEN")).Code);
        Assert.Equal(ErrorCodes.ContractRevoked, _chain.Run(_chain.Manage("upgrade", "TOKEN", Arg("version", "2"), Arg("wasm", _samples.Token))).Code);
        Assert.Equal(ErrorCodes.ContractExists, _chain.Run(_chain.Install("TOKEN", _samples.Token, "3")).Code);
    }

    [Fact]
    public void Freeze_needs_the_policy_too()
    {
        _chain.Run(_chain.Install("TOKEN", _samples.Token));

        var result = _chain.Run(_chain.Tx(Admin("org2"), Manage, "freeze", [Arg("name", "TOKEN")]));

        Assert.Equal(ErrorCodes.PolicyUnsatisfied, result.Code);
    }

    [Theory]
    [InlineData("EVIDENCE")]
    [InlineData("contract_manage")]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("a/b")]
    public void Reserved_or_malformed_names_are_refused(string name)
    {
        var result = _chain.Run(_chain.Install(name, _samples.Token));

        Assert.Equal(ErrorCodes.ContractNameInvalid, result.Code);
    }

    [Fact]
    public void A_module_that_is_not_WebAssembly_is_refused_with_its_wasm_code()
    {
        var result = _chain.Run(_chain.Install("JUNK", Encoding.UTF8.GetBytes("not wasm")));

        Assert.Equal(TxStatus.ContractError, result.Status);
        Assert.Equal(ErrorCodes.WasmModuleMalformed, result.Code);
    }

    [Fact]
    public void Init_runs_once_at_install_and_cannot_be_called_afterwards()
    {
        var install = _chain.Run(_chain.Install("INITTED", TestModules.Compile(TestModules.WithInit)));
        var again = _chain.Run(_chain.Tx(Admin("org1"), "INITTED", "init", []));

        Assert.Equal(TxStatus.Success, install.Status);
        Assert.Equal("1", Text(_chain.Ledger.Get("INITTED", "i"u8)!));
        Assert.Equal(ErrorCodes.UnknownMethod, again.Code);
    }

    [Fact]
    public void A_failing_init_installs_nothing()
    {
        var install = _chain.Run(_chain.Install("BROKEN", TestModules.Compile(TestModules.FailingInit)));

        Assert.Equal(ErrorCodes.WasmTrap, install.Code);
        Assert.False(_chain.Ledger.HasAny(Manage));
    }

    [Fact]
    public void Get_and_list_describe_installed_contracts()
    {
        _chain.Block(_chain.Install("TOKEN", _samples.Token), _chain.Install("KV", _samples.Kv, "0.1"));

        using var list = JsonDocument.Parse(_chain.Query(Manage, "list").Value);
        var names = list.RootElement.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();
        using var token = JsonDocument.Parse(_chain.Query(Manage, "get", Arg("name", "TOKEN")).Value);

        Assert.Equal(new[] { "KV", "TOKEN" }, names);
        Assert.Equal("active", token.RootElement.GetProperty("status").GetString());
        Assert.Equal("org1", token.RootElement.GetProperty("installerOrg").GetString());
        Assert.Contains("transfer", token.RootElement.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(ErrorCodes.UnknownContract, _chain.Query(Manage, "get", Arg("name", "NOPE")).Code);
        Assert.Equal(ErrorCodes.BadArgument, _chain.Query(Manage, "install").Code);
    }
}
