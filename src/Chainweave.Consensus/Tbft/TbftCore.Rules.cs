using Chainweave.Api.Consensus;
using Google.Protobuf;

namespace Chainweave.Consensus.Tbft;

/// <summary>The "upon" rules of the algorithm, re-checked after every input until none applies.</summary>
public sealed partial class TbftCore
{
    private void Advance(List<TbftAction> output)
    {
        while (!Decided)
        {
            if (TryDecide(output))
            {
                return;
            }

            if (TrySkipRound(output))
            {
                continue;
            }

            if (!ApplyRoundRules(output))
            {
                return;
            }
        }
    }

    /// <summary>2f+1 precommits of any round for a known, valid block decide the height.</summary>
    private bool TryDecide(List<TbftAction> output)
    {
        foreach (var (round, set) in _precommits)
        {
            var hash = set.QuorumHash(_validators.Quorum);
            if (hash is null || hash.IsEmpty || !_blocks.TryGetValue(hash, out var proposal))
            {
                continue;
            }

            if (Validity(hash, output) == true)
            {
                Decided = true;
                output.Add(new CommitDecided(Height, round, proposal, hash, set.VotesFor(hash)));
                return true;
            }
        }

        return false;
    }

    /// <summary>f+1 validators in a higher round: at least one correct one is there, so follow.</summary>
    private bool TrySkipRound(List<TbftAction> output)
    {
        var target = -1;
        foreach (var (round, voters) in _votersByRound)
        {
            if (round > Round && voters.Count >= _validators.OneCorrect)
            {
                target = round;
            }
        }

        if (target < 0)
        {
            return false;
        }

        StartRound(target, output);
        return true;
    }

    private bool ApplyRoundRules(List<TbftAction> output)
    {
        var round = Round;
        if (Step == TbftStep.Propose && _firstProposal.TryGetValue(round, out var proposal) && TryPrevoteFor(proposal, output))
        {
            return true;
        }

        var changed = false;
        if (Step >= TbftStep.Prevote && _prevotes.TryGetValue(round, out var prevotes))
        {
            if (Step == TbftStep.Prevote && prevotes.Total >= _validators.Quorum && _prevoteTimerStarted.Add(round))
            {
                Schedule(TimeoutKind.Prevote, output);
            }

            var hash = prevotes.QuorumHash(_validators.Quorum);
            if (hash is not null && !hash.IsEmpty && !_polApplied.Contains(round) && _blocks.ContainsKey(hash)
                && Validity(hash, output) == true)
            {
                _polApplied.Add(round);
                if (Step == TbftStep.Prevote)
                {
                    LockedRound = round;
                    LockedHash = hash;
                    CastPrecommit(hash, output);
                    changed = true;
                }

                ValidRound = round;
                ValidHash = hash;
            }
            else if (hash is not null && hash.IsEmpty && Step == TbftStep.Prevote)
            {
                CastPrecommit(ByteString.Empty, output);
                changed = true;
            }
        }

        if (_precommits.TryGetValue(round, out var precommits) && precommits.Total >= _validators.Quorum && _precommitTimerStarted.Add(round))
        {
            Schedule(TimeoutKind.Precommit, output);
        }

        return changed;
    }

    /// <summary>The two prevote rules of the propose step: a fresh proposal, or a re-proposal backed by a proof of lock.</summary>
    private bool TryPrevoteFor(Proposal proposal, List<TbftAction> output)
    {
        var hash = proposal.BlockHash;
        var polRound = proposal.PolRound;
        if (polRound >= Round || polRound < -1)
        {
            return false;
        }

        if (polRound >= 0 && (!_prevotes.TryGetValue(polRound, out var pol) || pol.CountFor(hash) < _validators.Quorum))
        {
            return false;
        }

        var valid = Validity(hash, output);
        if (valid is null)
        {
            return false;
        }

        var acceptable = polRound < 0
            ? LockedRound == -1 || hash.Equals(LockedHash)
            : LockedRound <= polRound || hash.Equals(LockedHash);
        CastPrevote(valid.Value && acceptable ? hash : ByteString.Empty, output);
        return true;
    }

    private void StartRound(int round, List<TbftAction> output)
    {
        Round = round;
        Step = TbftStep.Propose;
        WaitingForTxs = round == 0 && _timeouts.EmptyBlockInterval != TimeSpan.Zero;
        output.Add(new AnnounceStatus(Height, Round, Step));
        output.Add(new ScheduleTimeout(new TbftTimeout(Height, Round, TimeoutKind.Resend), _timeouts.For(TimeoutKind.Resend, round)));
        if (WaitingForTxs)
        {
            output.Add(new WaitForTransactions(Height));
            if (_timeouts.EmptyBlockInterval is not null)
            {
                Schedule(TimeoutKind.EmptyBlock, output);
            }

            return;
        }

        EnterPropose(output);
    }

    private void EnterPropose(List<TbftAction> output)
    {
        if (IsProposer(Height, Round))
        {
            if (ValidHash is not null && _blocks.TryGetValue(ValidHash, out var valid))
            {
                output.Add(new SignAndBroadcast(new ConsensusMessage
                {
                    Proposal = new Proposal
                    {
                        Height = Height,
                        Round = (uint)Round,
                        PolRound = ValidRound,
                        Block = valid.Block,
                        BlockHash = ValidHash,
                        Proposer = _validators.IdAt(_self),
                    },
                }));
            }
            else
            {
                output.Add(new BuildProposal(Height, Round));
            }
        }

        Schedule(TimeoutKind.Propose, output);
    }

    private void CastPrevote(ByteString hash, List<TbftAction> output)
    {
        Step = TbftStep.Prevote;
        WaitingForTxs = false;
        CastVote(VoteType.Prevote, hash, output);
    }

    private void CastPrecommit(ByteString hash, List<TbftAction> output)
    {
        Step = TbftStep.Precommit;
        CastVote(VoteType.Precommit, hash, output);
    }

    private void CastVote(VoteType type, ByteString hash, List<TbftAction> output)
    {
        output.Add(new AnnounceStatus(Height, Round, Step));
        if (_self < 0)
        {
            return;
        }

        output.Add(new SignAndBroadcast(new ConsensusMessage
        {
            Vote = new ConsensusVote { Type = type, Height = Height, Round = (uint)Round, BlockHash = hash, Validator = _validators.IdAt(_self) },
        }));
    }

    private void Schedule(TimeoutKind kind, List<TbftAction> output) =>
        output.Add(new ScheduleTimeout(new TbftTimeout(Height, Round, kind), _timeouts.For(kind, Round)));

    /// <summary>Known validity of a block; when unknown, asks the host once and answers null.</summary>
    private bool? Validity(ByteString hash, List<TbftAction> output)
    {
        if (_validity.TryGetValue(hash, out var valid))
        {
            return valid;
        }

        if (_validating.Add(hash) && _blocks.TryGetValue(hash, out var proposal))
        {
            output.Add(new ValidateBlock(proposal));
        }

        return null;
    }
}
