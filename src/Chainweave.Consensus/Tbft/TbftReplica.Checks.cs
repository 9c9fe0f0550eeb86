using Chainweave.Api.Consensus;
using Chainweave.Api.Ledger;
using Chainweave.Core.Crypto;
using Google.Protobuf;

namespace Chainweave.Consensus.Tbft;

/// <summary>Checks of incoming messages that need no round state, so they can run on the network's threads.</summary>
public sealed partial class TbftReplica
{
    /// <summary>
    /// Thread-safe: whether a message is well-formed and correctly signed by a validator (and, for a
    /// proposal, by the proposer of its round), and whether it is of use at the current height.
    /// </summary>
    public Delivery Check(ConsensusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.BodyCase switch
        {
            ConsensusMessage.BodyOneofCase.Vote => CheckVote(message.Vote),
            ConsensusMessage.BodyOneofCase.Proposal => CheckProposal(message.Proposal),
            ConsensusMessage.BodyOneofCase.Status => Delivery.Accepted,
            _ => Delivery.Invalid,
        };
    }

    private Delivery CheckVote(ConsensusVote vote)
    {
        var index = _validators.IndexOf(vote.Validator);
        if (index < 0 || vote.Type is not (VoteType.Prevote or VoteType.Precommit)
            || !(vote.BlockHash.IsEmpty || vote.BlockHash.Length == _validators.Suite.HashSize))
        {
            return Delivery.Invalid;
        }

        if (vote.Height != CurrentHeight)
        {
            return Delivery.Ignored;
        }

        return _validators.VerifierAt(index).Verify(TbftSignBytes.Of(_validators.ChainId, vote), vote.Signature.Span) == SignatureCheck.Valid
            ? Delivery.Accepted
            : Delivery.Invalid;
    }

    private Delivery CheckProposal(Proposal proposal)
    {
        var index = _validators.IndexOf(proposal.Proposer);
        if (index < 0 || proposal.Round > int.MaxValue || proposal.Block is null || proposal.BlockHash.Length != _validators.Suite.HashSize
            || index != _validators.ProposerIndex(proposal.Height, (int)proposal.Round)
            || proposal.PolRound < -1 || proposal.PolRound >= (long)proposal.Round)
        {
            return Delivery.Invalid;
        }

        if (proposal.Height != CurrentHeight)
        {
            return Delivery.Ignored;
        }

        if (_validators.VerifierAt(index).Verify(TbftSignBytes.Of(_validators.ChainId, proposal), proposal.Signature.Span) != SignatureCheck.Valid
            || !_validators.Suite.Hash(proposal.Block.Header.Span).AsSpan().SequenceEqual(proposal.BlockHash.Span))
        {
            return Delivery.Invalid;
        }

        BlockHeader header;
        try
        {
            header = BlockHeader.Parser.ParseFrom(proposal.Block.Header);
        }
        catch (InvalidProtocolBufferException)
        {
            return Delivery.Invalid;
        }

        // A fresh block must be the proposer's own; a re-proposed one (with a proof of lock) was built earlier by another.
        var headerMatches = header.Height == proposal.Height
            && (proposal.PolRound >= 0 || header.Proposer.Equals(proposal.Proposer));
        return headerMatches ? Delivery.Accepted : Delivery.Invalid;
    }

    private void OnStatus(ReadOnlySpan<byte> fromNodeId, RoundStatus status)
    {
        var committed = _core.Height - 1;
        if (status.CommittedHeight > HighestPeerCommittedHeight)
        {
            HighestPeerCommittedHeight = status.CommittedHeight;
        }

        if (status.CommittedHeight > committed + 1)
        {
            BehindDetected?.Invoke(this, new PeerAheadEventArgs(status.CommittedHeight, fromNodeId.ToArray()));
            return;
        }

        if (_lastCommit is { } last && status.Height == last.Height)
        {
            // The peer missed the decision of the height this node just committed: hand it the proof.
            _transport.Send(fromNodeId, last.Proposal);
            foreach (var precommit in last.Precommits)
            {
                _transport.Send(fromNodeId, precommit);
            }

            return;
        }

        if (status.Height == _core.Height && status.Round < (uint)_core.Round)
        {
            // The peer is rounds behind; this node's votes of the current round let it catch up.
            foreach (var message in _ownMessages)
            {
                if (message.BodyCase == ConsensusMessage.BodyOneofCase.Vote && message.Vote.Round == (uint)_core.Round)
                {
                    _transport.Send(fromNodeId, message);
                }
            }
        }
    }
}
