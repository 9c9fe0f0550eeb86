using Chainweave.Api.Consensus;
using Chainweave.Api.Ledger;
using Chainweave.Consensus.Tbft;
using Chainweave.Consensus.Tests.Simulation;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Tbft;

/// <summary>The pure state machine alone: inputs in, actions out, no network and no clock.</summary>
public sealed class TbftCoreTests
{
    private static readonly ByteString BlockA = ByteString.CopyFrom(Enumerable.Repeat((byte)0xAA, 32).ToArray());
    private static readonly ByteString BlockB = ByteString.CopyFrom(Enumerable.Repeat((byte)0xBB, 32).ToArray());

    private readonly TbftValidatorSet _validators;
    private readonly TbftCore _core;
    private readonly List<TbftAction> _actions = [];

    public TbftCoreTests()
    {
        var chain = TestChain.Create(4);
        _validators = new TbftValidatorSet(chain.Config, chain.Suite);
        _core = new TbftCore(_validators, 0, new TbftTimeouts());
        _core.StartHeight(1, _actions);
        _core.OnTxsAvailable(_actions);
    }

    [Fact]
    public void Locks_on_a_proof_of_lock_refuses_other_blocks_and_relocks_on_a_newer_one()
    {
        Propose(0, BlockA, -1);
        Assert.Equal(BlockA, LastVote(VoteType.Prevote).BlockHash);
        Vote(VoteType.Prevote, 0, BlockA, 0, 1, 2);
        Assert.Equal(0, _core.LockedRound);
        Assert.Equal(BlockA, _core.LockedHash);
        Assert.Equal(BlockA, LastVote(VoteType.Precommit).BlockHash);

        Vote(VoteType.Precommit, 0, ByteString.Empty, 1, 2, 3);
        Fire(TimeoutKind.Precommit, 0);
        Assert.Equal(1, _core.Round);

        // A fresh block in round 1: locked on A, prevote nil.
        Propose(1, BlockB, -1);
        Assert.True(LastVote(VoteType.Prevote).BlockHash.IsEmpty);

        // A newer proof of lock (round 1, for B) moves the lock.
        Vote(VoteType.Prevote, 1, BlockB, 1, 2, 3);
        Assert.Equal(1, _core.LockedRound);
        Assert.Equal(BlockB, _core.LockedHash);
        Assert.Equal(BlockB, LastVote(VoteType.Precommit).BlockHash);
        Assert.Equal(1, _core.ValidRound);
    }

    [Fact]
    public void A_re_proposal_with_an_older_proof_of_lock_than_the_lock_gets_a_nil_prevote()
    {
        Propose(0, BlockA, -1);
        Vote(VoteType.Prevote, 0, BlockA, 0, 1, 2);
        Vote(VoteType.Precommit, 0, ByteString.Empty, 1, 2, 3);
        Fire(TimeoutKind.Precommit, 0);
        Propose(1, BlockB, -1);
        Vote(VoteType.Prevote, 1, BlockB, 1, 2, 3);
        Vote(VoteType.Precommit, 1, ByteString.Empty, 1, 2, 3);
        Fire(TimeoutKind.Precommit, 1);
        Assert.Equal(2, _core.Round);

        Propose(2, BlockA, 0);
        Assert.True(LastVote(VoteType.Prevote).BlockHash.IsEmpty);
    }

    [Fact]
    public void A_re_proposal_backed_by_a_proof_of_lock_at_or_after_the_lock_gets_a_prevote()
    {
        Propose(0, BlockA, -1);
        Vote(VoteType.Prevote, 0, BlockA, 0, 1, 2);
        Vote(VoteType.Precommit, 0, ByteString.Empty, 1, 2, 3);
        Fire(TimeoutKind.Precommit, 0);

        Propose(1, BlockA, 0);
        Assert.Equal(BlockA, LastVote(VoteType.Prevote).BlockHash);
    }

    [Fact]
    public void Two_thirds_precommits_of_any_round_decide_and_f_plus_one_votes_of_a_higher_round_skip_ahead()
    {
        Vote(VoteType.Prevote, 5, ByteString.Empty, 1, 2);
        Assert.Equal(5, _core.Round);

        Propose(0, BlockA, -1);
        _actions.Clear();
        Vote(VoteType.Precommit, 0, BlockA, 1, 2, 3);
        var decided = Assert.Single(_actions.OfType<CommitDecided>());
        Assert.Equal(BlockA, decided.BlockHash);
        Assert.Equal(0, decided.Round);
        Assert.Equal(3, decided.Precommits.Count);
        Assert.True(_core.Decided);
    }

    [Fact]
    public void Only_the_first_vote_of_a_validator_counts_and_a_second_is_equivocation()
    {
        Propose(0, BlockA, -1);
        Vote(VoteType.Prevote, 0, BlockA, 1);
        Vote(VoteType.Prevote, 0, BlockB, 1);
        Vote(VoteType.Prevote, 0, BlockA, 2);
        Assert.Equal(1, _core.Equivocations);
        Assert.Equal(-1, _core.LockedRound);
    }

    [Fact]
    public void A_proposal_received_before_the_propose_timeout_gets_its_prevote_even_when_validation_ends_after_it()
    {
        _core.OnProposal(NewProposal(0, BlockA, -1), _actions);
        Assert.Single(_actions.OfType<ValidateBlock>());

        Fire(TimeoutKind.Propose, 0);
        Assert.DoesNotContain(_actions.OfType<SignAndBroadcast>(), a => a.Unsigned.Vote?.Type == VoteType.Prevote);
        Assert.Equal(TbftStep.Propose, _core.Step);

        _core.OnBlockValidated(BlockA, valid: true, _actions);
        Assert.Equal(BlockA, LastVote(VoteType.Prevote).BlockHash);
    }

    [Fact]
    public void Without_a_proposal_the_propose_timeout_prevotes_nil()
    {
        Fire(TimeoutKind.Propose, 0);
        Assert.True(LastVote(VoteType.Prevote).BlockHash.IsEmpty);
    }

    [Fact]
    public void Timeouts_grow_per_round_and_are_capped()
    {
        var timeouts = new TbftTimeouts();
        Assert.Equal(TimeSpan.FromSeconds(1), timeouts.For(TimeoutKind.Propose, 0));
        Assert.Equal(TimeSpan.FromSeconds(2), timeouts.For(TimeoutKind.Propose, 2));
        Assert.Equal(TimeSpan.FromSeconds(5), timeouts.For(TimeoutKind.Propose, 100));
        Assert.Equal(TimeSpan.FromSeconds(5), timeouts.For(TimeoutKind.Precommit, int.MaxValue));
    }

    private void Propose(int round, ByteString hash, int polRound)
    {
        _core.OnProposal(NewProposal(round, hash, polRound), _actions);
        AnswerValidations();
    }

    private Proposal NewProposal(int round, ByteString hash, int polRound) =>
        new()
        {
            Height = 1,
            Round = (uint)round,
            PolRound = polRound,
            BlockHash = hash,
            Block = new Block(),
            Proposer = _validators.IdAt(_validators.ProposerIndex(1, round)),
        };

    private void AnswerValidations()
    {
        while (_actions.OfType<ValidateBlock>().FirstOrDefault() is { } validate)
        {
            _actions.Remove(validate);
            _core.OnBlockValidated(validate.Proposal.BlockHash, valid: true, _actions);
        }
    }

    private void Vote(VoteType type, int round, ByteString hash, params int[] validators)
    {
        foreach (var index in validators)
        {
            _core.OnVote(new ConsensusVote { Type = type, Height = 1, Round = (uint)round, BlockHash = hash, Validator = _validators.IdAt(index) }, _actions);
            AnswerValidations();
        }
    }

    private void Fire(TimeoutKind kind, int round) => _core.OnTimeout(new TbftTimeout(1, round, kind), _actions);

    private ConsensusVote LastVote(VoteType type) =>
        _actions.OfType<SignAndBroadcast>().Select(a => a.Unsigned).Where(m => m.Vote?.Type == type).Last().Vote;
}
