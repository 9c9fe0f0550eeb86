namespace Chainweave.Consensus.Tbft;

/// <summary>The timers of a round; Resend is the heartbeat that re-sends own messages against message loss.</summary>
public enum TimeoutKind : byte
{
    Propose = 1,
    Prevote = 2,
    Precommit = 3,
    Resend = 4,
    EmptyBlock = 5,
}

/// <summary>A timer of (height, round); it does nothing when it fires after the node moved on.</summary>
public readonly record struct TbftTimeout(ulong Height, int Round, TimeoutKind Kind);
