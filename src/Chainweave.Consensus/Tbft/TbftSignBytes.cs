using System.Buffers.Binary;
using System.Text;
using Chainweave.Api.Consensus;
using Chainweave.Core.Ledger;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// What validators sign. A precommit for a block signs <see cref="CommitVote.SignedBytes"/> so that
/// the precommits themselves form the commit certificate; every other message has its own domain tag,
/// so no signature can be replayed as another kind of message.
/// </summary>
public static class TbftSignBytes
{
    private static readonly byte[] ProposalDomain = "chainweave/tbft/proposal/v1"u8.ToArray();
    private static readonly byte[] PrevoteDomain = "chainweave/tbft/prevote/v1"u8.ToArray();
    private static readonly byte[] NilPrecommitDomain = "chainweave/tbft/precommit-nil/v1"u8.ToArray();

    public static byte[] Of(string chainId, ConsensusVote vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (vote.Type == VoteType.Precommit && !vote.BlockHash.IsEmpty)
        {
            return CommitVote.SignedBytes(chainId, vote.Height, vote.Round, vote.BlockHash.Span);
        }

        var domain = vote.Type == VoteType.Prevote ? PrevoteDomain : NilPrecommitDomain;
        return Build(domain, chainId, vote.Height, vote.Round, 0, vote.BlockHash.Span);
    }

    public static byte[] Of(string chainId, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Build(ProposalDomain, chainId, proposal.Height, proposal.Round, proposal.PolRound, proposal.BlockHash.Span);
    }

    private static byte[] Build(byte[] domain, string chainId, ulong height, uint round, int polRound, ReadOnlySpan<byte> hash)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        var chain = Encoding.UTF8.GetBytes(chainId);
        var bytes = new byte[domain.Length + 4 + chain.Length + 8 + 4 + 4 + hash.Length];
        var span = bytes.AsSpan();
        domain.CopyTo(span);
        span = span[domain.Length..];
        BinaryPrimitives.WriteInt32BigEndian(span, chain.Length);
        chain.CopyTo(span[4..]);
        span = span[(4 + chain.Length)..];
        BinaryPrimitives.WriteUInt64BigEndian(span, height);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], round);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], polRound);
        hash.CopyTo(span[16..]);
        return bytes;
    }
}
