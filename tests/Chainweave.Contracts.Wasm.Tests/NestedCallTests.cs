using System.Text;
using Microsoft.Extensions.Logging;

namespace Chainweave.Contracts.Wasm.Tests;

[Collection(SamplesCollection.Name)]
public sealed class NestedCallTests
{
    /// <summary>Calls KV.put(key="k", value="v") then KV.get(key="k") and returns what get returned.</summary>
    private const string Proxy = """
        (module
          (import "chainweave_v1" "call" (func $call (param i32 i32 i32 i32 i32 i32) (result i32)))
          (import "chainweave_v1" "result_read" (func $result_read (param i32)))
          (import "chainweave_v1" "return_value" (func $return_value (param i32 i32)))
          (import "chainweave_v1" "sender_role" (func $sender_role (result i32)))
          (import "chainweave_v1" "debug_log" (func $debug_log (param i32 i32)))
          (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
          (memory (export "memory") 1)
          (data (i32.const 0) "KV")
          (data (i32.const 8) "put")
          (data (i32.const 12) "get")
          (data (i32.const 16) "\02\00\00\00\03\00\00\00key\01\00\00\00k\05\00\00\00value\01\00\00\00v")
          (data (i32.const 64) "\01\00\00\00\03\00\00\00key\01\00\00\00k")
          (data (i32.const 96) "hello log")
          (data (i32.const 124) "\04\00\00\00h\00i\00")
          (func (export "putThenGet") (local $n i32)
            (drop (call $call (i32.const 0) (i32.const 2) (i32.const 8) (i32.const 3) (i32.const 16) (i32.const 30)))
            (local.set $n (call $call (i32.const 0) (i32.const 2) (i32.const 12) (i32.const 3) (i32.const 64) (i32.const 16)))
            (call $result_read (i32.const 256))
            (call $return_value (i32.const 256) (local.get $n)))
          (func (export "log") (call $debug_log (i32.const 96) (i32.const 9)))
          (func (export "abort") (call $abort (i32.const 128) (i32.const 0) (i32.const 7) (i32.const 3))))
        """;

    private readonly FakeChain _chain = new();

    public NestedCallTests(Samples samples)
    {
        _chain.Deploy(new WasmContract("KV", samples.Kv, samples.Engine));
        _chain.Deploy(new WasmContract("PROXY", Wat.Compile(Proxy), samples.Engine));
    }

    [Fact]
    public void A_nested_call_writes_in_the_callees_scope_and_returns_its_value()
    {
        var tx = _chain.Execute("PROXY", "putThenGet", A.Args());

        Assert.True(tx.Response.Ok, tx.Response.Message);
        Assert.Equal("v", A.Text(tx.Response.Value));
        Assert.Equal("v", A.Text(_chain.StateOf("KV")[Encoding.UTF8.GetBytes("k")]));
        Assert.False(_chain.State.ContainsKey("PROXY"));
        Assert.Equal("KV", Assert.Single(tx.Events).Contract);
    }

    [Fact]
    public void Debug_logs_reach_the_logger_and_cost_gas_only()
    {
        var logger = new ListLogger();
        using var engine = new WasmEngine(logger: logger);
        var chain = new FakeChain();
        chain.Deploy(new WasmContract("PROXY", Wat.Compile(Proxy), engine));

        var tx = chain.Execute("PROXY", "log", A.Args());

        Assert.True(tx.Response.Ok, tx.Response.Message);
        Assert.Empty(tx.Response.Value);
        Assert.Empty(tx.Events);
        Assert.Equal("Contract PROXY: hello log", Assert.Single(logger.Lines));
    }

    [Fact]
    public void AssemblyScript_abort_becomes_a_typed_error_with_its_message()
    {
        var tx = _chain.Execute("PROXY", "abort", A.Args());

        Assert.Equal(WasmErrorCodes.Abort, tx.Response.Code);
        Assert.Contains("aborted: hi", tx.Response.Message, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
