using Chainweave.Api.Consensus;
using Google.Protobuf;

namespace Chainweave.Consensus.Tbft;

/// <summary>What <see cref="TbftCore"/> asks its host to do; the core itself does no I/O.</summary>
public abstract record TbftAction;

/// <summary>Start a timer; when it fires, hand it back to <see cref="TbftCore.OnTimeout"/>.</summary>
public sealed record ScheduleTimeout(TbftTimeout Timeout, TimeSpan After) : TbftAction;

/// <summary>This node proposes (height, round) and holds no valid block: build one from the pool.</summary>
public sealed record BuildProposal(ulong Height, int Round) : TbftAction;

/// <summary>Sign (through the last-signed guard), log and sync, broadcast, then feed the signed message back to the core.</summary>
public sealed record SignAndBroadcast(ConsensusMessage Unsigned) : TbftAction;

/// <summary>Re-execute the proposal's block and report with <see cref="TbftCore.OnBlockValidated"/>.</summary>
public sealed record ValidateBlock(Proposal Proposal) : TbftAction;

/// <summary>Notify <see cref="TbftCore.OnTxsAvailable"/> once a transaction waits (round 0 does not start before).</summary>
public sealed record WaitForTransactions(ulong Height) : TbftAction;

/// <summary>Re-send this node's own messages of the height (against message loss).</summary>
public sealed record ResendOwn(ulong Height, int Round) : TbftAction;

/// <summary>Broadcast a RoundStatus of where this node is.</summary>
public sealed record AnnounceStatus(ulong Height, int Round, TbftStep Step) : TbftAction;

/// <summary>The height is decided: write the block with the precommits as its certificate, then start the next height.</summary>
public sealed record CommitDecided(ulong Height, int Round, Proposal Proposal, ByteString BlockHash, IReadOnlyList<ConsensusVote> Precommits) : TbftAction;
