using Chainweave.Api.Ledger;
using Chainweave.Core.Errors;
using Chainweave.Execution.Running;
using static Chainweave.Execution.Tests.ContractChain;

namespace Chainweave.Execution.Tests;

[Collection(SampleContractsCollection.Name)]
public sealed class NestedCallAndRangeTests
{
    private readonly ContractChain _chain;

    public NestedCallAndRangeTests(SampleContracts samples)
    {
        _chain = new ContractChain(samples, new RangeContract());
        var installs = _chain.Block(
            _chain.Install("CALLEE", TestModules.Compile(TestModules.Callee)),
            _chain.Install("CALLER", TestModules.Compile(TestModules.Caller)));
        Assert.All(installs, r => Assert.Equal(TxStatus.Success, r.Status));
    }

    [Fact]
    public void A_trapping_nested_call_reverts_the_whole_transaction_and_still_charges_gas()
    {
        var result = _chain.Run(_chain.Tx(Client("org1"), "CALLER", "trapping", []));

        Assert.Equal(TxStatus.ContractError, result.Status);
        Assert.Equal(ErrorCodes.WasmTrap, result.Code);
        Assert.True(result.GasUsed > GasSchedule.TxBase + GasSchedule.StateWrite, $"gas used {result.GasUsed}");
        Assert.Empty(result.Events);
        Assert.False(_chain.Ledger.HasAny("CALLER"));
        Assert.False(_chain.Ledger.HasAny("CALLEE"));
    }

    [Fact]
    public void A_successful_nested_call_writes_in_the_callees_scope_within_the_same_transaction()
    {
        var result = _chain.Run(_chain.Tx(Client("org1"), "CALLER", "calling", []));

        Assert.Equal(TxStatus.Success, result.Status);
        Assert.Equal("1", Text(_chain.Ledger.Get("CALLER", "k"u8)!));
        Assert.Equal("1", Text(_chain.Ledger.Get("CALLEE", "c"u8)!));
    }

    [Fact]
    public void Range_merges_committed_state_the_blocks_writes_and_the_transactions_own()
    {
        _chain.Run(_chain.Tx(Client("org1"), RangeContract.ContractName, "put", [Arg("put:a", "1"), Arg("put:b", "2"), Arg("put:c", "3")]));

        var results = _chain.Block(
            _chain.Tx(Client("org1"), RangeContract.ContractName, "put", [Arg("put:d", "4"), Arg("del:b", "")]),
            _chain.Tx(Client("org1"), RangeContract.ContractName, "range", [Arg("put:e", "5"), Arg("del:c", ""), Arg("put:a", "9")]),
            _chain.Tx(Client("org1"), RangeContract.ContractName, "range", [Arg("limit", "2")]));

        Assert.Equal("a=9,d=4,e=5", Text(results[1].ReturnValue));
        Assert.Equal("a=9,d=4", Text(results[2].ReturnValue));
        Assert.Equal("a=9,d=4,e=5", Text(_chain.Query(RangeContract.ContractName, "scan").Value));
    }

    [Fact]
    public void Calling_an_unknown_contract_is_an_invalid_transaction()
    {
        var result = _chain.Run(_chain.Tx(Client("org1"), "NOWHERE", "x", []));

        Assert.Equal(TxStatus.Invalid, result.Status);
        Assert.Equal(ErrorCodes.UnknownContract, result.Code);
    }
}
