namespace Chainweave.Contracts.Wasm.Tests;

[Collection(SamplesCollection.Name)]
public sealed class TokenContractTests
{
    private readonly FakeChain _chain = new();

    public TokenContractTests(Samples samples)
    {
        _chain.Deploy(new WasmContract("TOKEN", samples.Token, samples.Engine));
    }

    private string BalanceOf(byte[] holder)
    {
        var tx = _chain.Execute("TOKEN", "balance", A.Args(("owner", holder)), readOnly: true);
        Assert.True(tx.Response.Ok, tx.Response.Message);
        return A.Text(tx.Response.Value);
    }

    [Fact]
    public void Only_the_admin_role_can_mint()
    {
        var denied = _chain.Execute("TOKEN", "mint", A.Args(("to", Senders.Alice.CertHash), ("amount", 100)), Senders.Alice);
        Assert.False(denied.Response.Ok);
        Assert.Equal("TX_PERMISSION_DENIED", denied.Response.Code);
        Assert.Equal(0, _chain.CommittedEntries);

        var minted = _chain.Execute("TOKEN", "mint", A.Args(("to", Senders.Alice.CertHash), ("amount", 100)), Senders.Admin);
        Assert.True(minted.Response.Ok, minted.Response.Message);
        Assert.Equal("100", BalanceOf(Senders.Alice.CertHash));
        var supply = _chain.Execute("TOKEN", "totalSupply", A.Args(), readOnly: true);
        Assert.Equal("100", A.Text(supply.Response.Value));
        Assert.Single(minted.Events, e => e.Topic == "mint");
    }

    [Fact]
    public void Transfer_moves_tokens_and_emits_an_event()
    {
        _chain.Execute("TOKEN", "mint", A.Args(("to", Senders.Alice.CertHash), ("amount", 100)), Senders.Admin);

        var tx = _chain.Execute("TOKEN", "transfer", A.Args(("to", Senders.Bob.CertHash), ("amount", 30)), Senders.Alice);

        Assert.True(tx.Response.Ok, tx.Response.Message);
        Assert.Equal("70", BalanceOf(Senders.Alice.CertHash));
        Assert.Equal("30", BalanceOf(Senders.Bob.CertHash));
        var transfer = Assert.Single(tx.Events);
        Assert.Equal("transfer", transfer.Topic);
        Assert.Equal(Senders.Alice.CertHash, transfer.Data[0]);
        Assert.Equal(Senders.Bob.CertHash, transfer.Data[1]);
        Assert.Equal("30", A.Text(transfer.Data[2]));
    }

    [Fact]
    public void Transfer_beyond_the_balance_reverts_without_writes()
    {
        _chain.Execute("TOKEN", "mint", A.Args(("to", Senders.Alice.CertHash), ("amount", 10)), Senders.Admin);
        var before = _chain.CommittedEntries;

        var tx = _chain.Execute("TOKEN", "transfer", A.Args(("to", Senders.Bob.CertHash), ("amount", 11)), Senders.Alice);

        Assert.False(tx.Response.Ok);
        Assert.Equal("INSUFFICIENT_BALANCE", tx.Response.Code);
        Assert.Contains("10", tx.Response.Message, StringComparison.Ordinal);
        Assert.Empty(tx.Writes.Values.SelectMany(w => w));
        Assert.Equal(before, _chain.CommittedEntries);
        Assert.True(tx.GasUsed > 0);
        Assert.Equal("10", BalanceOf(Senders.Alice.CertHash));
        Assert.Equal("0", BalanceOf(Senders.Bob.CertHash));
    }

    [Fact]
    public void Allowance_lets_a_spender_move_at_most_the_approved_amount()
    {
        _chain.Execute("TOKEN", "mint", A.Args(("to", Senders.Alice.CertHash), ("amount", 100)), Senders.Admin);
        Assert.True(_chain.Execute("TOKEN", "approve", A.Args(("spender", Senders.Bob.CertHash), ("amount", 40)), Senders.Alice).Response.Ok);

        var allowance = _chain.Execute("TOKEN", "allowance", A.Args(("owner", Senders.Alice.CertHash), ("spender", Senders.Bob.CertHash)), readOnly: true);
        Assert.Equal("40", A.Text(allowance.Response.Value));

        var spent = _chain.Execute("TOKEN", "transferFrom", A.Args(("from", Senders.Alice.CertHash), ("to", Senders.Carol.CertHash), ("amount", 25)), Senders.Bob);
        Assert.True(spent.Response.Ok, spent.Response.Message);
        Assert.Equal("75", BalanceOf(Senders.Alice.CertHash));
        Assert.Equal("25", BalanceOf(Senders.Carol.CertHash));

        var tooMuch = _chain.Execute("TOKEN", "transferFrom", A.Args(("from", Senders.Alice.CertHash), ("to", Senders.Carol.CertHash), ("amount", 16)), Senders.Bob);
        Assert.Equal("INSUFFICIENT_ALLOWANCE", tooMuch.Response.Code);

        var byStranger = _chain.Execute("TOKEN", "transferFrom", A.Args(("from", Senders.Alice.CertHash), ("to", Senders.Carol.CertHash), ("amount", 1)), Senders.Carol);
        Assert.Equal("INSUFFICIENT_ALLOWANCE", byStranger.Response.Code);
        var left = _chain.Execute("TOKEN", "allowance", A.Args(("owner", Senders.Alice.CertHash), ("spender", Senders.Bob.CertHash)), readOnly: true);
        Assert.Equal("15", A.Text(left.Response.Value));
    }

    [Fact]
    public void Bad_amounts_are_refused_as_bad_arguments()
    {
        var tx = _chain.Execute("TOKEN", "mint", A.Args(("to", Senders.Alice.CertHash), ("amount", "12abc")), Senders.Admin);
        Assert.Equal("TX_BAD_ARGUMENT", tx.Response.Code);
        var missing = _chain.Execute("TOKEN", "transfer", A.Args(("amount", 1)), Senders.Alice);
        Assert.Equal("TX_BAD_ARGUMENT", missing.Response.Code);
    }

    [Fact]
    public void Writing_in_a_query_traps_with_read_only()
    {
        var tx = _chain.Execute("TOKEN", "approve", A.Args(("spender", Senders.Bob.CertHash), ("amount", 1)), Senders.Alice, readOnly: true);
        Assert.Equal(WasmErrorCodes.ReadOnly, tx.Response.Code);
    }

    [Fact]
    public void The_same_call_uses_the_same_gas_every_time()
    {
        ulong Run()
        {
            var chain = new FakeChain();
            chain.Deploy(_chain.Find("TOKEN")!);
            chain.Execute("TOKEN", "mint", A.Args(("to", Senders.Alice.CertHash), ("amount", 100)), Senders.Admin);
            var tx = chain.Execute("TOKEN", "transfer", A.Args(("to", Senders.Bob.CertHash), ("amount", 1)), Senders.Alice);
            Assert.True(tx.Response.Ok, tx.Response.Message);
            return tx.GasUsed;
        }

        var first = Run();
        Assert.Equal(first, Run());
        Assert.Equal(first, Run());
        // Two reads, two writes and an event are charged by the state layer; the rest is fuel and host fees.
        Assert.InRange(first, 2_500UL, 20_000UL);
    }
}
