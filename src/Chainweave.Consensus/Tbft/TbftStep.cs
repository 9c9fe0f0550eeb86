namespace Chainweave.Consensus.Tbft;

/// <summary>Steps of a round, in order; the last-signed guard compares (height, round, step) lexicographically.</summary>
public enum TbftStep : byte
{
    Propose = 1,
    Prevote = 2,
    Precommit = 3,
}
