namespace Chainweave.Consensus.Tbft;

/// <summary>What a node did with a block whose time it measured, for <see cref="ProposalSizer"/>.</summary>
public enum BlockWork : byte
{
    /// <summary>Built (executed) a block to propose it.</summary>
    Built = 1,

    /// <summary>Checked a peer's proposal: resolved, verified and re-executed its transactions.</summary>
    Checked = 2,
}
