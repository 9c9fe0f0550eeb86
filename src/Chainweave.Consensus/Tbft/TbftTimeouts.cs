namespace Chainweave.Consensus.Tbft;

/// <summary>
/// Round timeouts: a base per step that grows by a fixed delta per round and is capped, so that after
/// a long outage the validators are at most one capped timeout from the next round once a quorum is back.
/// </summary>
public sealed record TbftTimeouts
{
    public TimeSpan Propose { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan Prevote { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan Precommit { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Added per round to each step's timeout.</summary>
    public TimeSpan DeltaPerRound { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>No step waits longer than this.</summary>
    public TimeSpan Cap { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a node re-sends its own messages of the height and its status.</summary>
    public TimeSpan Resend { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Round 0 of a height waits for a transaction (CometBFT's create_empty_blocks = false) when null;
    /// when positive, it waits at most this long and then proposes an empty block; zero never waits.
    /// Later rounds never wait, and a proposal or vote from a peer ends the wait.
    /// </summary>
    public TimeSpan? EmptyBlockInterval { get; init; }

    public TimeSpan For(TimeoutKind kind, int round)
    {
        var baseTime = kind switch
        {
            TimeoutKind.Propose => Propose,
            TimeoutKind.Prevote => Prevote,
            TimeoutKind.Precommit => Precommit,
            TimeoutKind.EmptyBlock => EmptyBlockInterval ?? Cap,
            _ => Resend,
        };
        if (kind is TimeoutKind.Resend or TimeoutKind.EmptyBlock)
        {
            return baseTime;
        }

        var grown = baseTime + (DeltaPerRound * Math.Min(round, 10_000));
        return grown < Cap ? grown : Cap;
    }
}
