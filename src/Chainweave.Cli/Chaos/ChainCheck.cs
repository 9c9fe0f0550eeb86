namespace Chainweave.Cli.Chaos;

/// <summary>What the checkers found once the load stopped.</summary>
internal sealed class ChainCheck
{
    /// <summary>Each node's final height (null when it did not answer).</summary>
    public required IReadOnlyDictionary<string, ulong?> Heights { get; init; }

    /// <summary>Heights 0..ComparedUpTo were read from every answering node.</summary>
    public ulong ComparedUpTo { get; set; }

    /// <summary>Heights at which two nodes hold different blocks.</summary>
    public List<ulong> ForkHeights { get; } = [];

    /// <summary>Acknowledged as committed, yet unknown to the node.</summary>
    public List<string> Lost { get; } = [];

    /// <summary>Acknowledged at one height, found at another.</summary>
    public List<string> Misplaced { get; } = [];

    /// <summary>Tx ids found in more than one block position.</summary>
    public List<string> Duplicated { get; } = [];

    public long TxsInBlocks { get; set; }

    public required string ReferenceNode { get; init; }
}
