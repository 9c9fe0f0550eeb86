using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Chainweave.Sdk;

namespace Chainweave.Cli.Bench;

/// <summary>
/// The evidence load generator: pre-signs every transaction on all cores (so signing never limits the
/// submit rate), then submits them over concurrent streams, each on its own connection.
/// </summary>
internal static class BenchRunner
{
    public static SignedTransaction[] SignEvidence(TransactionBuilder builder, int count)
    {
        // A fresh prefix per run: evidence ids are write-once, so a rerun must not collide with the last.
        var runPrefix = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var suite = builder.Identity.Suite;
        var transactions = new SignedTransaction[count];
        Parallel.For(0, count, i =>
        {
            var id = $"{runPrefix}-{i}";
            var contentHash = Convert.ToHexStringLower(suite.Hash(Encoding.UTF8.GetBytes(id)));
            transactions[i] = EvidenceClient.BuildPut(builder, id, contentHash, $"{{\"seq\":{i}}}");
        });
        return transactions;
    }

    public static Task<BenchResult> RunAsync(
        TransactionBuilder builder, string nodeAddress, string nodeName, BenchSettings settings, CancellationToken ct) =>
        RunAsync(() => SignEvidence(builder, settings.Txs), nodeAddress, nodeName, settings, ct);

    /// <summary>Signs with <paramref name="sign"/> (timed), then submits what it returned.</summary>
    public static async Task<BenchResult> RunAsync(
        Func<SignedTransaction[]> sign, string nodeAddress, string nodeName, BenchSettings settings, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var signWatch = Stopwatch.StartNew();
        var ledger = new TxLedger(sign());
        var signSeconds = signWatch.Elapsed.TotalSeconds;

        var clients = new ChainClient[settings.Concurrency];
        for (var s = 0; s < clients.Length; s++)
        {
            clients[s] = new ChainClient(nodeAddress, nodeName);
        }

        try
        {
            var drivers = new StreamDriver[settings.Concurrency];
            var perStream = (ledger.Count + settings.Concurrency - 1) / settings.Concurrency;
            for (var s = 0; s < drivers.Length; s++)
            {
                var from = Math.Min(s * perStream, ledger.Count);
                var to = Math.Min(from + perStream, ledger.Count);
                drivers[s] = new StreamDriver(clients[s], ledger, settings, s, from, to);
            }

            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            var runs = new Task<StreamTally>[drivers.Length];
            for (var s = 0; s < drivers.Length; s++)
            {
                runs[s] = drivers[s].RunAsync(start, ct);
            }

            var tallies = await Task.WhenAll(runs).ConfigureAwait(false);
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            return BenchResult.From(ledger, tallies, signSeconds, cpuSeconds);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }
}
