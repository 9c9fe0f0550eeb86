using Chainweave.Consensus.Tests.Simulation;

namespace Chainweave.Consensus.Tests.Tbft;

/// <summary>
/// Twins: a validator's key runs on two nodes, which then equivocate in whatever way the partitions of a
/// generated scenario let them. With one twinned validator (f = 1 of 4) no scenario may fork; with two
/// (more than f) some scenario must, which shows the safety checker can fail.
/// </summary>
public sealed class TwinsTests
{
    // Each scenario costs ~0.2 s of real time (fresh nodes, ~300 signature checks), so 120 keep the class fast on a loaded machine.
    private const int Scenarios = 120;
    private const int Heights = 2;
    private const int Rounds = 3;

    [Fact]
    public void With_one_twinned_validator_no_scenario_commits_two_blocks_at_a_height()
    {
        var chain = TestChain.Create(4);
        var random = new Random(20_261_125);
        var progressed = 0;
        for (var index = 0; index < Scenarios; index++)
        {
            // Validator 1 proposes (1, 0) and (2, 3): its twin can offer a second block early.
            var scenario = TwinsScenario.Generate(random, nodes: 5, Heights, Rounds);
            using var network = Run(chain, scenario, index, twinsOf: [1]);
            Assert.True(network.Safety.Violations.Count == 0, $"scenario {index} {scenario}: {string.Join("; ", network.Safety.Violations)}");
            progressed += network.AllCommitted(Heights) ? 1 : 0;
        }

        // Scenarios end in synchrony, so most should decide every height: the runs were not vacuous.
        Assert.True(progressed > Scenarios / 2, $"only {progressed} of {Scenarios} scenarios committed height {Heights} everywhere");
    }

    [Fact]
    public void With_two_twinned_validators_some_scenario_forks_and_the_checker_reports_it()
    {
        var chain = TestChain.Create(4);
        var random = new Random(20_261_125);
        for (var index = 0; index < Scenarios; index++)
        {
            var scenario = TwinsScenario.Generate(random, nodes: 6, Heights, Rounds);
            using var network = Run(chain, scenario, index, twinsOf: [0, 1]);
            if (network.Safety.Violations.Count > 0)
            {
                Assert.Contains(network.Safety.Violations, v => v.StartsWith("fork at height", StringComparison.Ordinal));
                return;
            }
        }

        Assert.Fail($"none of {Scenarios} scenarios with two of four validators twinned made two nodes commit different blocks");
    }

    private static SimNetwork Run(TestChain chain, TwinsScenario scenario, int seed, int[] twinsOf)
    {
        var network = new SimNetwork(chain, seed, twinsOf: twinsOf);
        network.Rules.Add(scenario);
        network.StartAll();

        // Own transactions per node, so that twins build different blocks from the same slot.
        for (var node = 0; node < network.Nodes.Count; node++)
        {
            network.Submit(2, $"node{node}", node);
        }

        network.RunUntil(() => network.Safety.Violations.Count > 0 || network.AllCommitted(Heights), 30_000);
        return network;
    }
}
