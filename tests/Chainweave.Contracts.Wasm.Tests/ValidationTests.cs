using Chainweave.Core.Errors;

namespace Chainweave.Contracts.Wasm.Tests;

[Collection(SamplesCollection.Name)]
public sealed class ValidationTests
{
    private readonly Samples _samples;

    public ValidationTests(Samples samples)
    {
        _samples = samples;
    }

    [Fact]
    public void A_sample_contract_is_accepted_with_its_methods()
    {
        var result = _samples.Engine.Validate(_samples.Token);

        Assert.True(result.Ok, result.Message);
        Assert.Equal(new[] { "allowance", "approve", "balance", "mint", "totalSupply", "transfer", "transferFrom" }, result.Methods);
    }

    [Fact]
    public void Bytes_that_are_not_webassembly_are_malformed()
    {
        var result = _samples.Engine.Validate([0x00, 0x61, 0x73, 0x6d, 0x02]);

        Assert.Equal(WasmModuleErrorKind.Malformed, result.Kind);
        Assert.Equal(WasmErrorCodes.ModuleMalformed, result.Code);
    }

    [Theory]
    [InlineData("""(import "env" "seed" (func (result f64)))""")]
    [InlineData("""(import "chainweave_v1" "random" (func (result i32)))""")]
    [InlineData("""(import "chainweave_v1" "state_get" (func (param i32) (result i32)))""")]
    [InlineData("""(import "chainweave_v1" "counter" (global i32))""")]
    public void Imports_the_host_does_not_offer_are_refused(string import)
    {
        var result = _samples.Engine.Validate(Wat.Compile($$"""(module {{import}} (memory (export "memory") 1) (func (export "m")))"""));

        Assert.Equal(WasmModuleErrorKind.ImportUnknown, result.Kind);
        Assert.Equal(WasmErrorCodes.ImportUnknown, result.Code);
    }

    [Fact]
    public void A_memory_larger_than_the_cap_is_refused()
    {
        var result = _samples.Engine.Validate(Wat.Compile("""(module (memory (export "memory") 1000) (func (export "m")))"""));

        Assert.Equal(WasmModuleErrorKind.MemoryTooLarge, result.Kind);
        Assert.Contains("1000 pages", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_without_an_exported_memory_is_refused()
    {
        var result = _samples.Engine.Validate(Wat.Compile("""(module (memory 1) (func (export "m")))"""));

        Assert.Equal(WasmModuleErrorKind.MemoryMissing, result.Kind);
    }

    [Fact]
    public void A_module_without_methods_is_refused()
    {
        var result = _samples.Engine.Validate(Wat.Compile("""(module (memory (export "memory") 1) (func (export "_helper")) (func (export "f") (param i32)))"""));

        Assert.Equal(WasmModuleErrorKind.Malformed, result.Kind);
        Assert.Contains("no method", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_beyond_the_pool_limits_is_refused_at_install()
    {
        var result = _samples.Engine.Validate(Wat.Compile("""(module (memory (export "memory") 1) (table 10000000 funcref) (func (export "m")))"""));

        Assert.Equal(WasmModuleErrorKind.LimitsExceeded, result.Kind);
    }

    [Fact]
    public void Building_a_contract_from_a_bad_module_throws_a_chain_error()
    {
        var error = Assert.Throws<ChainError>(() => new WasmContract("X", [1, 2, 3], _samples.Engine));

        Assert.Equal(WasmErrorCodes.ModuleMalformed, error.Code);
    }

    [Fact]
    public void Modules_are_cached_by_code_hash_within_the_bound()
    {
        using var engine = new WasmEngine(new WasmEngineOptions { ModuleCacheSize = 2 });
        for (var i = 0; i < 4; i++)
        {
            Assert.True(engine.Validate(Wat.Compile($$"""(module (memory (export "memory") 1) (func (export "m{{i}}")))""")).Ok);
        }

        Assert.Equal(2, engine.CachedModules);
        var again = new WasmContract("T", _samples.Token, engine);
        Assert.Equal(2, engine.CachedModules);
        Assert.Equal(WasmEngine.CodeHash(_samples.Token), again.CodeHash);
    }
}
