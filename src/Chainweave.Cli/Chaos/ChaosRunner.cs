using System.Collections.Concurrent;
using Chainweave.Core.Crypto;
using Chainweave.Core.Errors;
using Chainweave.Core.Genesis;
using Chainweave.Sdk;

namespace Chainweave.Cli.Chaos;

/// <summary>
/// One chaos run: a fresh 4-node TBFT network as child processes, steady load, seeded perturbations,
/// then the checkers. The network folder is removed afterwards unless asked to keep it or a check failed.
/// </summary>
internal static class ChaosRunner
{
    private const int NodeCount = 4;
    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(60);

    public static async Task<ChaosReport> RunAsync(ChaosSettings settings, TextWriter progress, CancellationToken ct)
    {
        var dir = Path.GetFullPath(settings.Dir ?? Path.Combine(Path.GetTempPath(), "chainweave-chaos-" + Guid.NewGuid().ToString("N")[..8]));
        if (Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any())
        {
            throw new ChainError(ErrorCodes.NetworkExists, $"{dir} is not empty; chaos builds a fresh network: give an empty or new folder with --dir");
        }

        var events = new ConcurrentQueue<string>();
        var started = DateTimeOffset.UtcNow;
        void Log(string what)
        {
            var line = $"+{(DateTimeOffset.UtcNow - started).TotalSeconds:0.0}s {what}";
            events.Enqueue(line);
            progress.WriteLine(line);
        }

        var passed = false;
        try
        {
            var network = NetworkInitializer.Create(new InitOptions
            {
                Dir = dir,
                Orgs = NodeCount,
                Nodes = NodeCount,
                Consensus = "tbft",
                BasePort = ChaosPorts.FindBase(NodeCount),
                Now = DateTimeOffset.UtcNow,
            });
            var report = await RunOnAsync(network, settings, Log, events, ct).ConfigureAwait(false);
            passed = report.Passed;
            return report with { KeptDir = settings.Keep || settings.Dir is not null || !passed ? dir : null };
        }
        finally
        {
            if (!passed && settings.Dir is null && !settings.Keep)
            {
                progress.WriteLine($"the network folder is kept for its logs: {dir}");
            }
            else if (settings.Dir is null && !settings.Keep)
            {
                TryDelete(dir);
            }
        }
    }

    private static async Task<ChaosReport> RunOnAsync(
        InitializedNetwork network, ChaosSettings settings, Action<string> log, ConcurrentQueue<string> events, CancellationToken ct)
    {
        var suite = CryptoSuites.Get(network.Manifest.Crypto);
        var clientEntry = network.Manifest.Identities.FirstOrDefault(i => i.Role == "client")
            ?? throw new ChainError(ErrorCodes.ConfigInvalid, "the new network has no client identity to submit with");
        using var identity = ClientIdentity.Load(Path.Combine(network.Dir, clientEntry.Path), suite);
        var builder = new TransactionBuilder(network.Genesis.ChainId, identity);

        await using var cluster = new ChaosCluster(network, NodeCommandLine.Resolve());
        log($"starting {NodeCount} nodes in {network.Dir}");
        await cluster.StartAllAsync(ct).ConfigureAwait(false);
        log("all nodes ready; load starts");

        var load = new ChaosLoad(builder, cluster.Nodes, settings.Rate, settings.CommitWait);
        var monitor = new CommitGapMonitor(cluster);
        var perturber = new Perturber(cluster, new Random(settings.Seed), log);
        using var loadStop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loadRun = load.RunAsync(loadStop.Token);
        var monitorRun = monitor.RunAsync(loadStop.Token);
        try
        {
            var runEnd = Task.Delay(settings.Duration, ct);
            await perturber.RunAsync(settings.Duration, ct).ConfigureAwait(false);
            await runEnd.ConfigureAwait(false);
            log("perturbations over; settling under load");
            await Task.Delay(TimeSpan.FromTicks(Math.Min(MaxSettle.Ticks, settings.Duration.Ticks / 4)), ct).ConfigureAwait(false);
        }
        finally
        {
            await loadStop.CancelAsync().ConfigureAwait(false);
            log($"load stopped; waiting for {load.Pending} answers still due");
            await loadRun.ConfigureAwait(false);
            await monitorRun.ConfigureAwait(false);
        }

        log($"checking: {load.Acknowledged.Count:N0} acknowledged txs");
        var tally = new DoubleSignTally();
        var check = await ChainChecker.RunAsync(cluster, load.Acknowledged, tally, CatchUp, ct).ConfigureAwait(false);
        await cluster.StopAllAsync().ConfigureAwait(false);
        var walRecords = 0;
        foreach (var node in cluster.Nodes)
        {
            walRecords += Math.Max(0, WalVotes.AddTo(tally, node.Home));
        }

        log("checks done");
        return new ChaosReport(
            settings, null, perturber.Tally, load.Submitted, load.Acknowledged.Count, load.Failures, check,
            tally.Conflicts(), tally.VotesSeen, walRecords, monitor.LongestGap, monitor.LongestGapFrom, [.. events]);
    }

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Litter in the temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
