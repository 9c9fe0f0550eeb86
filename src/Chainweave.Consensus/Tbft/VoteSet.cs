using Chainweave.Api.Consensus;
using Google.Protobuf;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// The prevotes or the precommits of one round: the first vote of each validator counts; a second,
/// different vote of the same validator is equivocation and is only counted as such.
/// </summary>
public sealed class VoteSet
{
    private readonly ConsensusVote?[] _byValidator;
    private readonly Dictionary<ByteString, int> _countByHash = [];

    public VoteSet(int validators)
    {
        _byValidator = new ConsensusVote?[validators];
    }

    public int Total { get; private set; }

    public int Equivocations { get; private set; }

    /// <summary>True when the vote is new; false for a duplicate or a conflicting second vote.</summary>
    public bool Add(int validatorIndex, ConsensusVote vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var existing = _byValidator[validatorIndex];
        if (existing is not null)
        {
            if (!existing.BlockHash.Equals(vote.BlockHash))
            {
                Equivocations++;
            }

            return false;
        }

        _byValidator[validatorIndex] = vote;
        Total++;
        _countByHash[vote.BlockHash] = CountFor(vote.BlockHash) + 1;
        return true;
    }

    public int CountFor(ByteString blockHash) => _countByHash.TryGetValue(blockHash, out var count) ? count : 0;

    /// <summary>The hash (empty for nil) that at least quorum validators voted for, or null.</summary>
    public ByteString? QuorumHash(int quorum)
    {
        foreach (var (hash, count) in _countByHash)
        {
            if (count >= quorum)
            {
                return hash;
            }
        }

        return null;
    }

    /// <summary>The votes for a hash, in validator order.</summary>
    public List<ConsensusVote> VotesFor(ByteString blockHash)
    {
        var votes = new List<ConsensusVote>();
        foreach (var vote in _byValidator)
        {
            if (vote is not null && vote.BlockHash.Equals(blockHash))
            {
                votes.Add(vote);
            }
        }

        return votes;
    }
}
