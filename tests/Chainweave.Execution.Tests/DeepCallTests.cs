using Chainweave.Api.Ledger;
using Chainweave.Contracts.Wasm;
using Chainweave.Execution.Contracts;
using static Chainweave.Execution.Tests.ContractChain;

namespace Chainweave.Execution.Tests;

/// <summary>
/// Nested calls each get their own WebAssembly stack on the executing thread's native stack: a block
/// whose transactions nest to the depth limit, each level using most of its stack, must end in the
/// depth-limit refusal on every transaction, never in a crashed node, on the node's executor threads.
/// </summary>
[Collection(SampleContractsCollection.Name)]
public sealed class DeepCallTests(SampleContracts samples)
{
    /// <summary>About three quarters of a call's WebAssembly stack (2,500 frames overflow it).</summary>
    private const int Frames = 1_800;

    [Fact]
    public void Calls_nested_past_the_depth_limit_with_deep_stacks_are_refused_cleanly()
    {
        var chain = new ContractChain(samples);
        Assert.Equal(TxStatus.Success, chain.Run(chain.Install("DEEP", TestModules.Compile(TestModules.Deep(Frames)))).Status);

        var dives = Enumerable.Range(0, 16).Select(_ => chain.Tx(Client("org1"), "DEEP", "dive", [])).ToArray();
        var results = chain.Block(dives);

        Assert.All(results, r =>
        {
            Assert.Equal(TxStatus.ContractError, r.Status);
            Assert.Equal(WasmErrorCodes.CallDepth, r.Code);
            Assert.True(r.GasUsed > (ulong)ContractLimits.MaxCallDepth * Frames, $"gas used {r.GasUsed}");
        });
        Assert.False(chain.Ledger.HasAny("DEEP"));
    }
}
