using Chainweave.Consensus.Tbft;
using Chainweave.Storage.Ledger;

namespace Chainweave.Consensus.Tests.Simulation;

/// <summary>Records every commit of every node and flags forks (two hashes at a height) and bad certificates.</summary>
public sealed class SafetyChecker(CommitCertificateVerifier verifier)
{
    private readonly Dictionary<ulong, string> _hashByHeight = [];

    public List<string> Violations { get; } = [];

    public IReadOnlyDictionary<ulong, string> HashByHeight => _hashByHeight;

    public void Record(int node, CommittedBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var height = block.Header.Height;
        var hash = Convert.ToHexString(block.Hash);
        if (!_hashByHeight.TryAdd(height, hash) && _hashByHeight[height] != hash)
        {
            Violations.Add($"fork at height {height}: node {node} committed {hash}, another node {_hashByHeight[height]}");
        }

        if (verifier.Check(block.Block.Certificate, height, block.Hash) is { } bad)
        {
            Violations.Add($"node {node} committed height {height} with a bad certificate: {bad}");
        }
    }
}
