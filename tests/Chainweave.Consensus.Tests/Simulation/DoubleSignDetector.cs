using Chainweave.Api.Consensus;
using Google.Protobuf;

namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>Watches what each honest node sends in its own name and flags two different messages for one (height, round, step).</summary>
public sealed class DoubleSignDetector(IReadOnlyList<byte[]> nodeIds)
{
    private readonly Dictionary<(int Node, ulong Height, uint Round, int Step), string> _signed = [];

    public List<string> Violations { get; } = [];

    public int Observed { get; private set; }

    /// <summary>What a node signed at (height, round, step): step 0 proposal ("polRound:hash"), 1 prevote, 2 precommit (hash hex, empty for nil).</summary>
    public string? SignedBy(int node, ulong height, uint round, int step) => _signed.GetValueOrDefault((node, height, round, step));

    public void Observe(int node, ConsensusMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var own = ByteString.CopyFrom(nodeIds[node]);
        (ulong Height, uint Round, int Step, string Payload)? key = message.BodyCase switch
        {
            ConsensusMessage.BodyOneofCase.Proposal when message.Proposal.Proposer.Equals(own) =>
                (message.Proposal.Height, message.Proposal.Round, 0, $"{message.Proposal.PolRound}:{Convert.ToHexString(message.Proposal.BlockHash.Span)}"),
            ConsensusMessage.BodyOneofCase.Vote when message.Vote.Validator.Equals(own) =>
                (message.Vote.Height, message.Vote.Round, (int)message.Vote.Type + 1, Convert.ToHexString(message.Vote.BlockHash.Span)),
            _ => null,
        };
        if (key is not { } k)
        {
            return;
        }

        Observed++;
        var slot = (node, k.Height, k.Round, k.Step);
        if (_signed.TryGetValue(slot, out var before))
        {
            if (before != k.Payload)
            {
                Violations.Add($"node {node} signed two messages at height {k.Height} round {k.Round} step {k.Step}: {before} and {k.Payload}");
            }
        }
        else
        {
            _signed.Add(slot, k.Payload);
        }
    }
}
