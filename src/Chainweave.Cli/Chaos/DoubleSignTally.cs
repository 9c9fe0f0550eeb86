using Chainweave.Api.Consensus;
using Google.Protobuf;

namespace Chainweave.Cli.Chaos;

/// <summary>
/// Every vote seen, keyed by (validator, vote type, height, round): a validator whose key maps to two
/// different block hashes (nil counts as one) signed conflicting votes.
/// </summary>
internal sealed class DoubleSignTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<VoteKey, HashSet<ByteString>> _hashes = [];

    public int VotesSeen { get; private set; }

    /// <summary>A precommit for a block as it appears in a commit certificate.</summary>
    public void AddPrecommit(ByteString validator, ulong height, uint round, ByteString blockHash) =>
        Add(new VoteKey(validator, VoteType.Precommit, height, round), blockHash);

    public void Add(ConsensusVote vote) =>
        Add(new VoteKey(vote.Validator, vote.Type, vote.Height, vote.Round), vote.BlockHash);

    /// <summary>The conflicts: validator, vote type, height, round and the hashes it signed.</summary>
    public IReadOnlyList<DoubleSign> Conflicts()
    {
        lock (_gate)
        {
            var conflicts = new List<DoubleSign>();
            foreach (var (key, hashes) in _hashes)
            {
                if (hashes.Count > 1)
                {
                    conflicts.Add(new DoubleSign(
                        Convert.ToHexStringLower(key.Validator.Span), key.Type, key.Height, key.Round,
                        [.. hashes.Select(h => h.IsEmpty ? "nil" : Convert.ToHexStringLower(h.Span))]));
                }
            }

            return conflicts;
        }
    }

    private void Add(VoteKey key, ByteString blockHash)
    {
        lock (_gate)
        {
            VotesSeen++;
            if (!_hashes.TryGetValue(key, out var hashes))
            {
                hashes = [];
                _hashes[key] = hashes;
            }

            hashes.Add(blockHash);
        }
    }

    private readonly record struct VoteKey(ByteString Validator, VoteType Type, ulong Height, uint Round);
}

internal sealed record DoubleSign(string Validator, VoteType Type, ulong Height, uint Round, IReadOnlyList<string> Hashes);
