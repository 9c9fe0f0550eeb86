using Chainweave.Api.Consensus;
using Google.Protobuf;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// The Tendermint consensus algorithm (Buchman, Kwon, Milosevic 2018, algorithm 1) for one validator,
/// as a deterministic state machine: no I/O, no clock, no threads. Each input appends the actions the
/// host must carry out. Messages fed in must already be checked (signature, validator, proposer).
/// </summary>
public sealed partial class TbftCore
{
    /// <summary>Votes for rounds further ahead than this are dropped, bounding what a faulty validator can make us store.</summary>
    public const int MaxRoundsAhead = 10_000;

    private const int MaxBlocksPerHeight = 64;

    private readonly TbftValidatorSet _validators;
    private readonly int _self;
    private readonly TbftTimeouts _timeouts;
    private readonly Dictionary<ByteString, Proposal> _blocks = [];
    private readonly Dictionary<ByteString, bool> _validity = [];
    private readonly HashSet<ByteString> _validating = [];
    private readonly Dictionary<int, Proposal> _firstProposal = [];
    private readonly SortedDictionary<int, VoteSet> _prevotes = [];
    private readonly SortedDictionary<int, VoteSet> _precommits = [];
    private readonly SortedDictionary<int, HashSet<int>> _votersByRound = [];
    private readonly HashSet<int> _prevoteTimerStarted = [];
    private readonly HashSet<int> _precommitTimerStarted = [];
    private readonly HashSet<int> _polApplied = [];

    /// <param name="selfIndex">This node's index in the validator set, or -1 for a node that only follows.</param>
    public TbftCore(TbftValidatorSet validators, int selfIndex, TbftTimeouts timeouts)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(timeouts);
        _validators = validators;
        _self = selfIndex;
        _timeouts = timeouts;
    }

    public ulong Height { get; private set; }

    public int Round { get; private set; }

    public TbftStep Step { get; private set; } = TbftStep.Propose;

    /// <summary>At round 0, waiting for a transaction before proposing or starting the propose timer.</summary>
    public bool WaitingForTxs { get; private set; }

    public bool Decided { get; private set; }

    public int LockedRound { get; private set; } = -1;

    public ByteString? LockedHash { get; private set; }

    public int ValidRound { get; private set; } = -1;

    public ByteString? ValidHash { get; private set; }

    /// <summary>Conflicting proposals and votes seen at this height (evidence of faulty validators).</summary>
    public int Equivocations { get; private set; }

    public bool IsProposer(ulong height, int round) => _self >= 0 && _validators.ProposerIndex(height, round) == _self;

    /// <summary>Forgets the previous height and starts round 0 of <paramref name="height"/>.</summary>
    public void StartHeight(ulong height, List<TbftAction> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Height = height;
        Decided = false;
        LockedRound = -1;
        LockedHash = null;
        ValidRound = -1;
        ValidHash = null;
        Equivocations = 0;
        _blocks.Clear();
        _validity.Clear();
        _validating.Clear();
        _firstProposal.Clear();
        _prevotes.Clear();
        _precommits.Clear();
        _votersByRound.Clear();
        _prevoteTimerStarted.Clear();
        _precommitTimerStarted.Clear();
        _polApplied.Clear();
        StartRound(0, output);
        Advance(output);
    }

    public void OnTxsAvailable(List<TbftAction> output)
    {
        if (!WaitingForTxs || Decided)
        {
            return;
        }

        WaitingForTxs = false;
        EnterPropose(output);
        Advance(output);
    }

    /// <summary>Takes a checked proposal; false when it adds nothing (other height, duplicate, too far ahead).</summary>
    public bool OnProposal(Proposal proposal, List<TbftAction> output)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        var round = (int)Math.Min(proposal.Round, int.MaxValue);
        if (proposal.Height != Height || Decided || round > Round + MaxRoundsAhead
            || _validators.ProposerIndex(proposal.Height, round) != _validators.IndexOf(proposal.Proposer))
        {
            return false;
        }

        var isNew = false;
        if (!_blocks.ContainsKey(proposal.BlockHash) && _blocks.Count < MaxBlocksPerHeight)
        {
            _blocks.Add(proposal.BlockHash, proposal);
            isNew = true;
        }

        if (_firstProposal.TryGetValue(round, out var first))
        {
            if (!first.BlockHash.Equals(proposal.BlockHash) || first.PolRound != proposal.PolRound)
            {
                Equivocations++;
            }
        }
        else
        {
            _firstProposal.Add(round, proposal);
            isNew = true;
        }

        if (isNew)
        {
            Advance(output);
        }

        return isNew;
    }

    /// <summary>Takes a checked vote; false when it adds nothing (other height, duplicate, equivocation, too far ahead).</summary>
    public bool OnVote(ConsensusVote vote, List<TbftAction> output)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var index = _validators.IndexOf(vote.Validator);
        var round = (int)Math.Min(vote.Round, int.MaxValue);
        if (vote.Height != Height || Decided || index < 0 || round > Round + MaxRoundsAhead)
        {
            return false;
        }

        var sets = vote.Type == VoteType.Prevote ? _prevotes : _precommits;
        if (!sets.TryGetValue(round, out var set))
        {
            set = new VoteSet(_validators.Count);
            sets.Add(round, set);
        }

        var equivocationsBefore = set.Equivocations;
        if (!set.Add(index, vote))
        {
            Equivocations += set.Equivocations - equivocationsBefore;
            return false;
        }

        if (!_votersByRound.TryGetValue(round, out var voters))
        {
            voters = [];
            _votersByRound.Add(round, voters);
        }

        voters.Add(index);
        if (WaitingForTxs && index != _self)
        {
            // A peer votes at this height, so some validator has transactions: take part without waiting.
            WaitingForTxs = false;
            EnterPropose(output);
        }

        Advance(output);
        return true;
    }

    /// <summary>A timer fired; false when it is stale (the node moved on) and changed nothing.</summary>
    public bool OnTimeout(TbftTimeout timeout, List<TbftAction> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (timeout.Height != Height || timeout.Round != Round || Decided)
        {
            return false;
        }

        switch (timeout.Kind)
        {
            case TimeoutKind.Propose when Step == TbftStep.Propose && !WaitingForTxs:
                if (ValidatingProposalOf(Round))
                {
                    // The timeout bounds waiting for the proposal, not checking it: once it is here a
                    // correct validator votes on it however long re-execution takes (as in Tendermint).
                    return false;
                }

                CastPrevote(ByteString.Empty, output);
                break;
            case TimeoutKind.Prevote when Step == TbftStep.Prevote:
                CastPrecommit(ByteString.Empty, output);
                break;
            case TimeoutKind.Precommit:
                StartRound(Round + 1, output);
                break;
            case TimeoutKind.Resend:
                output.Add(new ResendOwn(Height, Round));
                output.Add(new AnnounceStatus(Height, Round, Step));
                output.Add(new ScheduleTimeout(timeout, _timeouts.For(TimeoutKind.Resend, Round)));
                return true;
            case TimeoutKind.EmptyBlock when WaitingForTxs:
                OnTxsAvailable(output);
                return true;
            default:
                return false;
        }

        Advance(output);
        return true;
    }

    /// <summary>The host re-executed a block (see <see cref="ValidateBlock"/>).</summary>
    public void OnBlockValidated(ByteString blockHash, bool valid, List<TbftAction> output)
    {
        ArgumentNullException.ThrowIfNull(blockHash);
        _validating.Remove(blockHash);
        _validity[blockHash] = valid;
        Advance(output);
    }

    /// <summary>True while the host re-executes the block of the round's proposal (asked by <see cref="ValidateBlock"/>, not yet answered).</summary>
    private bool ValidatingProposalOf(int round) => _firstProposal.TryGetValue(round, out var proposal) && _validating.Contains(proposal.BlockHash);

    /// <summary>The first proposal received for a round of this height, if any.</summary>
    public Proposal? ProposalIn(int round) => _firstProposal.GetValueOrDefault(round);

    /// <summary>The block of this height with that hash, if a proposal carried it.</summary>
    public Proposal? ProposalOf(ByteString blockHash) => _blocks.GetValueOrDefault(blockHash);

    public bool? ValidityOf(ByteString blockHash) => _validity.TryGetValue(blockHash, out var valid) ? valid : null;
}
