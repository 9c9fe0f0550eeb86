using Chainweave.Api.Consensus;

namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>One message in flight, for fault rules to judge.</summary>
public sealed record SimMessage(int From, int To, ConsensusMessage Message, long SentAtMs)
{
    public ulong Height => Message.BodyCase switch
    {
        ConsensusMessage.BodyOneofCase.Proposal => Message.Proposal.Height,
        ConsensusMessage.BodyOneofCase.Vote => Message.Vote.Height,
        _ => Message.Status.Height,
    };

    public uint Round => Message.BodyCase switch
    {
        ConsensusMessage.BodyOneofCase.Proposal => Message.Proposal.Round,
        ConsensusMessage.BodyOneofCase.Vote => Message.Vote.Round,
        _ => Message.Status.Round,
    };

    public bool IsProposal => Message.BodyCase == ConsensusMessage.BodyOneofCase.Proposal;

    public bool IsPrevote => Message.BodyCase == ConsensusMessage.BodyOneofCase.Vote && Message.Vote.Type == VoteType.Prevote;

    public bool IsPrecommit => Message.BodyCase == ConsensusMessage.BodyOneofCase.Vote && Message.Vote.Type == VoteType.Precommit;
}

/// <summary>What happens to a message: delivered after a delay (possibly more than once), or lost.</summary>
public readonly record struct Fate(bool Drop, long DelayMs, int Copies)
{
    public static Fate Lost => new(true, 0, 0);

    public static Fate After(long delayMs, int copies = 1) => new(false, delayMs, copies);
}

/// <summary>A pluggable network fault: returns a fate for the messages it cares about, null for the rest.</summary>
public interface IFaultRule
{
    Fate? Decide(SimMessage message, Random random);
}

/// <summary>Ready-made rules; rules are checked in the order added, the first answer wins.</summary>
public static class Faults
{
    public static IFaultRule Where(Func<SimMessage, bool> predicate, Fate fate) => new PredicateRule(predicate, fate);

    public static IFaultRule DropWhere(Func<SimMessage, bool> predicate) => new PredicateRule(predicate, Fate.Lost);

    /// <summary>Nodes in different groups cannot talk; nodes in no group talk to everyone.</summary>
    public static IFaultRule Partition(params int[][] groups) => new PredicateRule(m => GroupOf(groups, m.From) != GroupOf(groups, m.To), Fate.Lost);

    public static IFaultRule Isolate(int node) => DropWhere(m => m.From == node || m.To == node);

    public static IFaultRule RandomLoss(double probability) => new RandomRule(probability, Fate.Lost);

    public static IFaultRule RandomDuplicate(double probability, long delayMs = 5) => new RandomRule(probability, Fate.After(delayMs, 2));

    /// <summary>Each message gets a random latency in [minMs, maxMs], which reorders them.</summary>
    public static IFaultRule RandomDelay(long minMs, long maxMs) => new DelayRule(minMs, maxMs);

    private static int GroupOf(int[][] groups, int node)
    {
        for (var i = 0; i < groups.Length; i++)
        {
            if (Array.IndexOf(groups[i], node) >= 0)
            {
                return i;
            }
        }

        return -1;
    }

    private sealed class PredicateRule(Func<SimMessage, bool> predicate, Fate fate) : IFaultRule
    {
        public Fate? Decide(SimMessage message, Random random) => predicate(message) ? fate : null;
    }

    private sealed class RandomRule(double probability, Fate fate) : IFaultRule
    {
        public Fate? Decide(SimMessage message, Random random) => random.NextDouble() < probability ? fate : null;
    }

    private sealed class DelayRule(long minMs, long maxMs) : IFaultRule
    {
        public Fate? Decide(SimMessage message, Random random) => Fate.After(random.NextInt64(minMs, maxMs + 1));
    }
}
