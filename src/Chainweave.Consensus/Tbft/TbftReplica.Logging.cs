using Chainweave.Api.Consensus;
using Chainweave.Storage.Ledger;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Tbft;

/// <summary>
/// What an operator reads at Information level: each committed height, each failed round with why it
/// failed, each refused proposal with why. Per-message detail stays at Debug.
/// </summary>
public sealed partial class TbftReplica
{
    private long _heightStartedAt;
    private int _seenRound;
    private int _stepTimeouts;

    private void NoteHeightStarted()
    {
        _heightStartedAt = _clock.GetTimestamp();
        _seenRound = 0;
        _stepTimeouts = 0;
    }

    /// <summary>A timeout the core acted on; a failed round is explained by the steps that timed out in it.</summary>
    private void NoteTimeout(TbftTimeout timeout)
    {
        if (timeout.Kind is TimeoutKind.Propose or TimeoutKind.Prevote or TimeoutKind.Precommit)
        {
            _stepTimeouts |= 1 << (int)timeout.Kind;
            LogTimeoutFired(timeout.Height, timeout.Round, timeout.Kind);
        }
    }

    private void NoteRoundChange()
    {
        var round = _core.Round;
        if (round == _seenRound)
        {
            return;
        }

        if (!_replaying && _logger.IsEnabled(LogLevel.Information))
        {
            LogRoundChange(_core.Height, _seenRound, round, RoundChangeReason(round));
        }

        _seenRound = round;
        _stepTimeouts = 0;
    }

    private string RoundChangeReason(int round)
    {
        if (round != _seenRound + 1 || !TimedOut(TimeoutKind.Precommit))
        {
            return $"at least f+1 validators are already in round {round}";
        }

        var proposeTimeout = _options.Timeouts.For(TimeoutKind.Propose, _seenRound).TotalMilliseconds;
        var first = TimedOut(TimeoutKind.Propose)
            ? $"timeout at the propose step (no acceptable proposal within {proposeTimeout:0} ms)"
            : TimedOut(TimeoutKind.Prevote)
                ? "timeout at the prevote step (2/3 prevoted, but not for one block)"
                : "no block got 2/3 prevotes";
        return first + ", then timeout at the precommit step (no block got 2/3 precommits)";
    }

    private bool TimedOut(TimeoutKind kind) => (_stepTimeouts & (1 << (int)kind)) != 0;

    private void NoteCommitted(CommittedBlock block, bool synced)
    {
        var height = block.Header.Height;
        if (synced)
        {
            LogSynced(height, block.TxIds.Count);
            return;
        }

        var round = block.Block.Certificate?.Round ?? 0;
        LogCommitted(height, block.TxIds.Count, round, _clock.GetElapsedTime(_heightStartedAt).TotalMilliseconds);
    }

    /// <summary>Why this validator prevotes nil on a round whose proposal it has (invalid blocks were logged when checked).</summary>
    private void ExplainNilPrevote(int round)
    {
        if (_replaying || _core.ProposalIn(round) is not { } proposal || _core.ValidityOf(proposal.BlockHash) == false)
        {
            return;
        }

        if (_core.ValidityOf(proposal.BlockHash) == true && _core.LockedHash is { } locked)
        {
            var lockedHex = Convert.ToHexStringLower(locked.Span[..Math.Min(8, locked.Length)]);
            LogProposalRefused(_core.Height, round, $"this validator is locked on block {lockedHex}… since round {_core.LockedRound}");
        }
        else if (proposal.PolRound >= 0)
        {
            LogProposalRefused(_core.Height, round, $"it re-proposes the block of round {proposal.PolRound}, but 2/3 prevotes for it in that round did not arrive in time");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Committed height {Height}: {Txs} txs, decided in round {Round}, {ElapsedMs:0} ms after the height started")]
    private partial void LogCommitted(ulong height, int txs, uint round, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Committed height {Height} from block sync: {Txs} txs")]
    private partial void LogSynced(ulong height, int txs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Height {Height}: round {Round} failed, moving to round {NextRound}: {Reason}")]
    private partial void LogRoundChange(ulong height, int round, int nextRound, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused the proposal of height {Height} round {Round} (prevoting nil): {Reason}")]
    private partial void LogProposalRefused(ulong height, int round, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused to sign at height {Height} round {Round} step {Step}: it would conflict with what this validator signed before")]
    private partial void LogRefusedSigning(ulong height, int round, TbftStep step);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cut {Bytes} bytes of a torn or damaged record off the end of the consensus WAL")]
    private partial void LogTornTail(long bytes);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Proposing height {Height} round {Round}: {Txs} txs (limit {Limit} at {CostMs:0.000} ms per tx measured)")]
    private partial void LogProposing(ulong height, int round, int txs, int limit, double costMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Received the proposal of height {Height} round {Round}: {Txs} txs")]
    private partial void LogProposalReceived(ulong height, uint round, int txs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Checked the proposal of height {Height} round {Round}: {Txs} txs in {ElapsedMs:0.0} ms")]
    private partial void LogValidated(ulong height, int round, int txs, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Height {Height} round {Round}: {Kind} timeout fired")]
    private partial void LogTimeoutFired(ulong height, int round, TimeoutKind kind);
}
