using Chainweave.Api.Consensus;
using Chainweave.Api.Ledger;
using Chainweave.Consensus.Tbft.Wal;
using Chainweave.Storage.Ledger;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Chainweave.Consensus.Tbft;

/// <summary>Carrying out what the core asked for, in order.</summary>
public sealed partial class TbftReplica
{
    private void Drain()
    {
        for (var i = 0; i < _actions.Count; i++)
        {
            var height = _core.Height;
            switch (_actions[i])
            {
                case ScheduleTimeout schedule:
                    _scheduler.Schedule(schedule.Timeout, schedule.After);
                    break;
                case WaitForTransactions wait when wait.Height == height:
                    if (!_replaying && _source.Count > 0)
                    {
                        _wal!.Append(WalRecord.TxsArrived(height));
                        _core.OnTxsAvailable(_actions);
                    }
                    else
                    {
                        _scheduler.NotifyWhenTransactionsWait(height);
                    }

                    break;
                case BuildProposal build when build.Height == height && height > _decidedElsewhere:
                    Propose(build.Round);
                    break;
                case SignAndBroadcast sign when HeightOf(sign.Unsigned) == height && height > _decidedElsewhere:
                    SignAndSend(sign.Unsigned);
                    break;
                case ValidateBlock validate when validate.Proposal.Height == height:
                    Validate(validate.Proposal);
                    break;
                case ResendOwn resend when resend.Height == height:
                    Resend(resend.Round);
                    break;
                case AnnounceStatus status when status.Height == height && !_replaying:
                    _transport.Broadcast(StatusMessage());
                    break;
                case CommitDecided decided when decided.Height == height:
                    Decide(decided);
                    break;
                default:
                    break;
            }
        }

        _actions.Clear();
        NoteRoundChange();
    }

    private void Propose(int round)
    {
        var height = _core.Height;
        if (_ownBySlot.TryGetValue((round, TbftStep.Propose), out var signedBefore))
        {
            Deliver(signedBefore);
            return;
        }

        if (_guard!.CompareTo(height, round, TbftStep.Propose) <= 0)
        {
            LogRefused(height, round, TbftStep.Propose);
            return;
        }

        // Transactions of an earlier proposal of this height go back first, so the new block can carry them.
        if (_taken.Count > 0)
        {
            _source.Requeue(_taken);
            _taken.Clear();
        }

        var batch = new List<PooledTx>();
        var limit = _sizer.Limit(round);
        _source.TakeBatch(limit, _options.MaxBlockBytes, batch);
        _taken.AddRange(batch);
        var tip = _ledger.Tip!;
        var previousTime = BlockHeader.Parser.ParseFrom(_ledger.GetBlock(tip.Height)!.Header).TimestampMs;
        var time = Math.Max(_clock.GetUtcNow().ToUnixTimeMilliseconds(), previousTime + 1);
        var started = _clock.GetTimestamp();
        var built = _assembler.AssembleUnsigned(height, tip.Hash, time, batch, _state, _nodeId.ToByteArray());
        _sizer.Observe(BlockWork.Built, batch.Count, _clock.GetElapsedTime(started));
        var hash = ByteString.CopyFrom(built.Hash);
        _executed[hash] = built;
        LogProposing(height, round, batch.Count, limit, _sizer.CostPerTxMs ?? 0);
        SignAndSend(new ConsensusMessage
        {
            Proposal = new Proposal
            {
                Height = height,
                Round = (uint)round,
                PolRound = -1,
                Block = built.Block.Clone(),
                BlockHash = hash,
                Proposer = _nodeId,
            },
        });
    }

    /// <summary>Signs through the guard: the same slot is only ever re-sent identically, never signed twice.</summary>
    private void SignAndSend(ConsensusMessage unsigned)
    {
        var height = _core.Height;
        var slot = SlotOf(unsigned);
        if (_ownBySlot.TryGetValue(slot, out var before) || (_guard!.CompareTo(height, slot.Round, slot.Step) == 0 && (before = _guard.Message) is not null))
        {
            if (SamePayload(before, unsigned))
            {
                Deliver(before);
            }
            else
            {
                LogRefused(height, slot.Round, slot.Step);
            }

            return;
        }

        if (_guard!.CompareTo(height, slot.Round, slot.Step) <= 0)
        {
            LogRefused(height, slot.Round, slot.Step);
            return;
        }

        if (slot.Step == TbftStep.Prevote && unsigned.Vote.BlockHash.IsEmpty)
        {
            ExplainNilPrevote(slot.Round);
        }

        var signed = unsigned.Clone();
        if (signed.BodyCase == ConsensusMessage.BodyOneofCase.Proposal)
        {
            signed.Proposal.Signature = ByteString.CopyFrom(_signer.Sign(TbftSignBytes.Of(_validators.ChainId, signed.Proposal)));
        }
        else
        {
            signed.Vote.Signature = ByteString.CopyFrom(_signer.Sign(TbftSignBytes.Of(_validators.ChainId, signed.Vote)));
        }

        // Durable before visible: the WAL (with everything received before) and the guard reach disk first.
        _wal!.Append(WalRecord.Own(height, signed));
        _wal.Sync();
        _guard.Record(height, slot.Round, slot.Step, signed);
        _ownBySlot[slot] = signed;
        _ownMessages.Add(signed);
        Deliver(signed);
    }

    /// <summary>Sends an own message and feeds it to the core like any received one.</summary>
    private void Deliver(ConsensusMessage signed)
    {
        if (!_replaying)
        {
            _transport.Broadcast(signed);
        }

        Feed(signed);
    }

    private void Validate(Proposal proposal)
    {
        if (!_executed.ContainsKey(proposal.BlockHash))
        {
            var latest = (_clock.GetUtcNow() + _options.MaxClockDrift).ToUnixTimeMilliseconds();
            var started = _clock.GetTimestamp();
            var executed = _reexecutor.Execute(proposal.Block, proposal.BlockHash.Span, latest, out var reason);
            if (executed is null)
            {
                LogProposalRefused(proposal.Height, (int)proposal.Round, reason);
                _core.OnBlockValidated(proposal.BlockHash, valid: false, _actions);
                return;
            }

            // What this node just did is what its peers do with its own proposals: it sizes them.
            var elapsed = _clock.GetElapsedTime(started);
            _sizer.Observe(BlockWork.Checked, proposal.Block.Txs.Count, elapsed);
            LogValidated(proposal.Height, (int)proposal.Round, proposal.Block.Txs.Count, elapsed.TotalMilliseconds);
            _executed[proposal.BlockHash] = executed;
        }

        _core.OnBlockValidated(proposal.BlockHash, valid: true, _actions);
    }

    private void Resend(int round)
    {
        foreach (var message in _ownMessages)
        {
            if (message.BodyCase == ConsensusMessage.BodyOneofCase.Vote || message.Proposal.Round == (uint)round)
            {
                _transport.Broadcast(message);
            }
        }
    }

    private void Decide(CommitDecided decided)
    {
        var executed = _executed[decided.BlockHash];
        var certificate = new CommitCertificate { Height = decided.Height, Round = (uint)decided.Round, BlockHash = decided.BlockHash };
        var precommits = new List<ConsensusMessage>(decided.Precommits.Count);
        foreach (var vote in decided.Precommits)
        {
            certificate.Votes.Add(new Vote { Validator = vote.Validator, Signature = vote.Signature });
            precommits.Add(new ConsensusMessage { Vote = vote });
        }

        executed.Block.Certificate = certificate;
        Commit(executed, new LastCommit(decided.Height, new ConsensusMessage { Proposal = decided.Proposal }, precommits));
    }

    /// <param name="durable">False only for a synced block that more follow in the same batch (see <see cref="LedgerStore.CommitBlock(CommittedBlock, bool)"/>).</param>
    private void Commit(CommittedBlock block, LastCommit? lastCommit, bool durable = true)
    {
        _ledger.CommitBlock(block, durable);
        _source.Committed(block.TxIds);
        if (_taken.Count > 0)
        {
            _source.Requeue(_taken);
            _taken.Clear();
        }

        _lastCommit = lastCommit;
        _wal!.Reset();
        _ownBySlot.Clear();
        _ownMessages.Clear();
        _executed.Clear();
        NoteCommitted(block, synced: lastCommit is null);
        _listener.OnCommitted(block);
        StartHeight(block.Header.Height + 1);
    }

    private ConsensusMessage StatusMessage() => new()
    {
        Status = new RoundStatus { Height = _core.Height, Round = (uint)_core.Round, Step = (uint)_core.Step, CommittedHeight = _core.Height - 1 },
    };

    private static ulong HeightOf(ConsensusMessage message) =>
        message.BodyCase == ConsensusMessage.BodyOneofCase.Proposal ? message.Proposal.Height : message.Vote.Height;

    private static bool SamePayload(ConsensusMessage signed, ConsensusMessage unsigned)
    {
        if (signed.BodyCase != unsigned.BodyCase)
        {
            return false;
        }

        if (signed.BodyCase == ConsensusMessage.BodyOneofCase.Proposal)
        {
            var a = signed.Proposal;
            var b = unsigned.Proposal;
            return a.Height == b.Height && a.Round == b.Round && a.PolRound == b.PolRound && a.BlockHash.Equals(b.BlockHash);
        }

        var x = signed.Vote;
        var y = unsigned.Vote;
        return x.Type == y.Type && x.Height == y.Height && x.Round == y.Round && x.BlockHash.Equals(y.BlockHash);
    }

    private void LogRefused(ulong height, int round, TbftStep step)
    {
        RefusedSignatures++;
        LogRefusedSigning(height, round, step);
    }
}
