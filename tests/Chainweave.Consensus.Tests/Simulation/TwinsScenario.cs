using System.Text;

namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>
/// One Twins scenario (Bano et al., "Twins: BFT Systems Made Robust", 2022): for each of the first
/// rounds of the first heights, a partition of all nodes — twins included — into groups that only hear
/// each other. Messages of later (height, round)s flow freely, and so does everything sent after
/// <see cref="SynchronyAfterMs"/> (global stabilisation: re-sent messages of a blocked round then arrive),
/// so every scenario ends in synchrony and liveness can be expected.
/// Leaders are not chosen by the scenario (TBFT rotates them by (height + round)); choosing which nodes
/// hear the twinned leader's twin plays that part.
/// </summary>
public sealed class TwinsScenario : IFaultRule
{
    private readonly int[][] _groupOfNodeByStep;

    private TwinsScenario(int heights, int rounds, long synchronyAfterMs, int[][] groupOfNodeByStep)
    {
        Heights = heights;
        Rounds = rounds;
        SynchronyAfterMs = synchronyAfterMs;
        _groupOfNodeByStep = groupOfNodeByStep;
    }

    public int Heights { get; }

    public int Rounds { get; }

    public long SynchronyAfterMs { get; }

    /// <summary>A random scenario: each step splits the nodes into one to <paramref name="maxGroups"/> groups.</summary>
    public static TwinsScenario Generate(Random random, int nodes, int heights, int rounds, long synchronyAfterMs = 8_000, int maxGroups = 3)
    {
        ArgumentNullException.ThrowIfNull(random);
        var steps = new int[heights * rounds][];
        for (var step = 0; step < steps.Length; step++)
        {
            var groups = random.Next(1, maxGroups + 1);
            steps[step] = new int[nodes];
            for (var node = 0; node < nodes; node++)
            {
                steps[step][node] = random.Next(groups);
            }
        }

        return new TwinsScenario(heights, rounds, synchronyAfterMs, steps);
    }

    public Fate? Decide(SimMessage message, Random random)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.SentAtMs >= SynchronyAfterMs || message.Height < 1 || message.Height > (ulong)Heights || message.Round >= (uint)Rounds)
        {
            return null;
        }

        var groups = _groupOfNodeByStep[((int)message.Height - 1) * Rounds + (int)message.Round];
        return groups[message.From] == groups[message.To] ? null : Fate.Lost;
    }

    /// <summary>E.g. "h1r0 [0 1 2|3 4 5] h1r1 [...]", to reproduce a failing scenario by eye.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        for (var step = 0; step < _groupOfNodeByStep.Length; step++)
        {
            var groups = _groupOfNodeByStep[step];
            text.Append($"h{(step / Rounds) + 1}r{step % Rounds} [");
            var first = true;
            for (var group = 0; group <= groups.Max(); group++)
            {
                if (!first)
                {
                    text.Append('|');
                }

                first = false;
                text.AppendJoin(' ', Enumerable.Range(0, groups.Length).Where(node => groups[node] == group));
            }

            text.Append("] ");
        }

        return text.ToString().TrimEnd();
    }
}
