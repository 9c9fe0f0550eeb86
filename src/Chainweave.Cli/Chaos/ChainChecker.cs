using Chainweave.Api.Rpc;
using Chainweave.Core.Errors;
using Google.Protobuf;

namespace Chainweave.Cli.Chaos;

/// <summary>
/// The checks after the run: every node holds the same block at every height, every acknowledged commit
/// is on the chain exactly once at the height reported, and the commit certificates show no validator
/// signing two blocks for one (height, round).
/// </summary>
internal static class ChainChecker
{
    private const int LookupParallelism = 16;

    public static async Task<ChainCheck> RunAsync(
        ChaosCluster cluster, IReadOnlyDictionary<string, ulong> acknowledged, DoubleSignTally tally, TimeSpan catchUp, CancellationToken ct)
    {
        var heights = await CatchUpAsync(cluster, catchUp, ct).ConfigureAwait(false);
        var answering = new List<(ChaosNode Node, ulong Height)>();
        var byName = new Dictionary<string, ulong?>(StringComparer.Ordinal);
        for (var i = 0; i < cluster.Nodes.Count; i++)
        {
            byName[cluster.Nodes[i].Name] = heights[i];
            if (heights[i] is { } h)
            {
                answering.Add((cluster.Nodes[i], h));
            }
        }

        if (answering.Count == 0)
        {
            throw new ChainError(ErrorCodes.Unavailable, "no node answers after the run; nothing can be checked (see the node logs)");
        }

        var reference = answering.MaxBy(a => a.Height);
        var check = new ChainCheck { Heights = byName, ReferenceNode = reference.Node.Name };
        var compareTo = answering.Min(a => a.Height);
        check.ComparedUpTo = compareTo;

        var txCounts = new Dictionary<ByteString, int>();
        var scans = answering.Select(a => Task.Run(
            () => ScanAsync(a.Node, a.Height, tally, a.Node == reference.Node ? txCounts : null, ct), ct)).ToArray();
        var hashes = await Task.WhenAll(scans).ConfigureAwait(false);
        for (ulong h = 0; h <= compareTo; h++)
        {
            for (var n = 1; n < hashes.Length; n++)
            {
                if (!hashes[n][(int)h].Equals(hashes[0][(int)h]))
                {
                    check.ForkHeights.Add(h);
                    break;
                }
            }
        }

        foreach (var (txId, count) in txCounts)
        {
            check.TxsInBlocks += count;
            if (count > 1)
            {
                check.Duplicated.Add(Convert.ToHexStringLower(txId.Span));
            }
        }

        await LookUpAsync(reference.Node, acknowledged, check, ct).ConfigureAwait(false);
        return check;
    }

    /// <summary>Waits (up to catchUp) until every answering node reaches the highest height any node had.</summary>
    private static async Task<ulong?[]> CatchUpAsync(ChaosCluster cluster, TimeSpan catchUp, CancellationToken ct)
    {
        var target = await cluster.MaxHeightAsync(ct).ConfigureAwait(false);
        var deadline = DateTimeOffset.UtcNow + catchUp;
        while (true)
        {
            var heights = await cluster.HeightsAsync(ct).ConfigureAwait(false);
            if (heights.All(h => h >= target) || DateTimeOffset.UtcNow >= deadline)
            {
                return heights;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads blocks 0..height of one node: their hashes, their certificates' votes, and (for one node) the tx ids.</summary>
    private static async Task<ByteString[]> ScanAsync(
        ChaosNode node, ulong height, DoubleSignTally tally, Dictionary<ByteString, int>? txCounts, CancellationToken ct)
    {
        var hashes = new ByteString[height + 1];
        for (ulong h = 0; h <= height; h++)
        {
            BlockInfo block;
            try
            {
                block = await node.Client.GetBlockAsync(h, ct).ConfigureAwait(false);
            }
            catch (ChainError e)
            {
                throw new ChainError(e.Code, $"reading block {h} of {node.Name} failed: {e.Message}", e);
            }

            hashes[h] = block.Hash;
            if (block.Block.Certificate is { } certificate)
            {
                foreach (var vote in certificate.Votes)
                {
                    tally.AddPrecommit(vote.Validator, certificate.Height, certificate.Round, certificate.BlockHash);
                }
            }

            if (txCounts is not null)
            {
                foreach (var result in block.Results)
                {
                    txCounts[result.TxId] = txCounts.GetValueOrDefault(result.TxId) + 1;
                }
            }
        }

        return hashes;
    }

    private static async Task LookUpAsync(ChaosNode node, IReadOnlyDictionary<string, ulong> acknowledged, ChainCheck check, CancellationToken ct)
    {
        var gate = new Lock();
        await Parallel.ForEachAsync(acknowledged, new ParallelOptions { MaxDegreeOfParallelism = LookupParallelism, CancellationToken = ct }, async (pair, token) =>
        {
            var (txIdHex, reported) = pair;
            try
            {
                var tx = await node.Client.GetTxAsync(Convert.FromHexString(txIdHex), token).ConfigureAwait(false);
                if (tx.BlockHeight != reported)
                {
                    lock (gate)
                    {
                        check.Misplaced.Add($"{txIdHex} (acknowledged at {reported}, found at {tx.BlockHeight})");
                    }
                }
            }
            catch (ChainError e) when (e.Code == ErrorCodes.NotFound)
            {
                lock (gate)
                {
                    check.Lost.Add($"{txIdHex} (acknowledged at {reported})");
                }
            }
        }).ConfigureAwait(false);
    }
}
