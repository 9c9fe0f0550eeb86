using Chainweave.Core.Errors;

namespace Chainweave.Contracts.Wasm.Tests;

[Collection(SamplesCollection.Name)]
public sealed class MisbehavingContractTests
{
    private readonly FakeChain _chain = new();

    public MisbehavingContractTests(Samples samples)
    {
        _chain.Deploy(new WasmContract("BAD", Wat.Compile(Wat.Misbehaving), samples.Engine));
        _chain.Deploy(new WasmContract("callee", Wat.Compile(Wat.Callee), samples.Engine));
    }

    [Fact]
    public void An_infinite_loop_runs_out_of_gas_and_uses_exactly_the_limit()
    {
        var tx = _chain.Execute("BAD", "spin", A.Args(), gasLimit: 200_000);

        Assert.Equal(WasmErrorCodes.OutOfGas, tx.Response.Code);
        Assert.True(tx.OutOfGas);
        Assert.Equal(200_000UL, tx.GasUsed);
    }

    [Fact]
    public void Deep_recursion_traps_instead_of_crashing_the_process()
    {
        var tx = _chain.Execute("BAD", "recurse", A.Args(), gasLimit: 50_000_000);

        Assert.False(tx.Response.Ok);
        Assert.Equal(WasmErrorCodes.StackOverflow, tx.Response.Code);
        Assert.True(tx.GasUsed > 0);
    }

    [Theory]
    [InlineData("oob")]
    [InlineData("negative")]
    public void Host_arguments_outside_linear_memory_trap(string method)
    {
        var tx = _chain.Execute("BAD", method, A.Args());

        Assert.Equal(WasmErrorCodes.HostOutOfBounds, tx.Response.Code);
        Assert.Contains("outside linear memory", tx.Response.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bigReturn", "return value")]
    [InlineData("bigEvent", "event data")]
    public void Oversized_return_values_and_events_trap(string method, string what)
    {
        var tx = _chain.Execute("BAD", method, A.Args());

        Assert.Equal(WasmErrorCodes.HostLimit, tx.Response.Code);
        Assert.Contains(what, tx.Response.Message, StringComparison.Ordinal);
        Assert.Empty(tx.Events);
    }

    [Fact]
    public void A_trap_inside_a_nested_call_fails_the_whole_transaction_and_keeps_the_gas()
    {
        var tx = _chain.Execute("BAD", "writeThenCall", A.Args());

        Assert.False(tx.Response.Ok);
        Assert.Equal(WasmErrorCodes.Trap, tx.Response.Code);
        Assert.Contains("callee.boom", tx.Response.Message, StringComparison.Ordinal);
        Assert.Equal(0, _chain.CommittedEntries);
        Assert.True(tx.GasUsed > HostFees.NestedCall);
    }

    [Fact]
    public void Nested_calls_stop_at_the_depth_limit()
    {
        var tx = _chain.Execute("BAD", "callSelf", A.Args(), gasLimit: 100_000_000);

        Assert.Equal(WasmErrorCodes.CallDepth, tx.Response.Code);
        Assert.Contains($"depth {HostLimits.MaxCallDepth}", tx.Response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_write_in_a_query_traps_with_read_only()
    {
        var tx = _chain.Execute("BAD", "write", A.Args(), readOnly: true);

        Assert.Equal(WasmErrorCodes.ReadOnly, tx.Response.Code);
    }

    [Fact]
    public void A_wasm_trap_becomes_a_stable_error_message()
    {
        var first = _chain.Execute("BAD", "divide", A.Args());
        var second = _chain.Execute("BAD", "divide", A.Args());

        Assert.Equal(WasmErrorCodes.Trap, first.Response.Code);
        Assert.Equal("Contract 'BAD' trapped: integer division by zero.", first.Response.Message);
        Assert.Equal(first.Response.Message, second.Response.Message);
        Assert.Equal(first.GasUsed, second.GasUsed);
    }

    [Fact]
    public void A_call_with_too_little_gas_for_its_host_fees_runs_out_of_gas()
    {
        var tx = _chain.Execute("BAD", "ok", A.Args(), gasLimit: 10);

        Assert.Equal(WasmErrorCodes.OutOfGas, tx.Response.Code);
        Assert.Equal(10UL, tx.GasUsed);
    }

    [Fact]
    public void Hitting_the_wall_clock_limit_is_a_node_error_not_a_result()
    {
        using var engine = new WasmEngine(new WasmEngineOptions { ExecutionTimeout = TimeSpan.FromMilliseconds(50), EpochTick = TimeSpan.FromMilliseconds(5) });
        var chain = new FakeChain();
        chain.Deploy(new WasmContract("BAD", Wat.Compile(Wat.Misbehaving), engine));

        var error = Assert.Throws<ChainError>(() => chain.Execute("BAD", "spin", A.Args(), gasLimit: 10_000_000_000_000));

        Assert.Equal(WasmErrorCodes.ExecutionTimeout, error.Code);
    }
}
