namespace Chainweave.Cli.Chaos;

/// <summary>
/// Applies perturbations one at a time (so at most one validator is faulty, except during a full restart),
/// chosen with the seed: the first ones cover the single-node kinds in a seeded order, then a full
/// restart, then kinds at random. After each, it waits for the network to commit a new block.
/// </summary>
internal sealed class Perturber
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MinGap = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(15);

    private readonly ChaosCluster _cluster;
    private readonly Random _random;
    private readonly Action<string> _log;

    public Perturber(ChaosCluster cluster, Random random, Action<string> log)
    {
        _cluster = cluster;
        _random = random;
        _log = log;
    }

    public PerturbationTally Tally { get; } = new();

    /// <summary>
    /// Perturbs until <paramref name="duration"/> has passed; the one under way when it ends is completed, and
    /// a kill and a freeze happen even when the run is too short for them (a node restart alone can take many seconds).
    /// </summary>
    public async Task RunAsync(TimeSpan duration, CancellationToken ct)
    {
        var end = DateTimeOffset.UtcNow + duration;
        var gap = TimeSpan.FromTicks(Math.Clamp(duration.Ticks / 8, MinGap.Ticks, MaxGap.Ticks));
        var plan = new Queue<PerturbationKind>(_random.Next(2) == 0
            ? [PerturbationKind.KillRestart, PerturbationKind.StopContinue, PerturbationKind.RestartAll]
            : [PerturbationKind.StopContinue, PerturbationKind.KillRestart, PerturbationKind.RestartAll]);
        await Task.Delay(gap / 2, ct).ConfigureAwait(false);
        while (DateTimeOffset.UtcNow < end || SingleNodeKindPending(plan))
        {
            var kind = plan.Count > 0 ? plan.Dequeue() : PerturbationTally.Kinds[_random.Next(PerturbationTally.Kinds.Count)];
            Tally.Applied(kind);
            await ApplyAsync(kind, ct).ConfigureAwait(false);
            if (await RecoveredAsync(ct).ConfigureAwait(false))
            {
                Tally.Survived(kind);
            }
            else
            {
                _log($"no new block within {RecoveryTimeout.TotalSeconds:0} s after {PerturbationTally.JsonName(kind)}");
            }

            var pause = gap * (0.5 + _random.NextDouble());
            if (DateTimeOffset.UtcNow + pause >= end && !SingleNodeKindPending(plan))
            {
                break;
            }

            await Task.Delay(pause, ct).ConfigureAwait(false);
        }
    }

    private static bool SingleNodeKindPending(Queue<PerturbationKind> plan) =>
        plan.Count > 0 && plan.Peek() != PerturbationKind.RestartAll;

    private async Task ApplyAsync(PerturbationKind kind, CancellationToken ct)
    {
        var nodes = _cluster.Nodes;
        switch (kind)
        {
            case PerturbationKind.KillRestart:
                {
                    var victim = nodes[_random.Next(nodes.Count)];
                    _log($"SIGKILL {victim.Name}");
                    await victim.KillAsync().ConfigureAwait(false);
                    await Task.Delay(TimeSpan.FromMilliseconds(_random.Next(500, 2_000)), ct).ConfigureAwait(false);
                    _log($"restart {victim.Name}");
                    victim.Start();
                    await _cluster.WaitReadyAsync(victim, ct).ConfigureAwait(false);
                    break;
                }

            case PerturbationKind.StopContinue:
                {
                    var height = await _cluster.MaxHeightAsync(ct).ConfigureAwait(false);
                    var proposer = _cluster.NextProposer(height);
                    var victim = proposer ?? nodes[_random.Next(nodes.Count)];
                    var frozen = TimeSpan.FromMilliseconds(_random.Next(2_000, 5_000));
                    _log($"SIGSTOP {victim.Name} ({(proposer is null ? "random node" : $"proposer of height {height + 1}")}) for {frozen.TotalSeconds:0.0} s");
                    victim.Pause();
                    try
                    {
                        await Task.Delay(frozen, ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        victim.Resume();
                    }

                    _log($"SIGCONT {victim.Name}");
                    break;
                }

            default:
                {
                    _log("restart all nodes");
                    await _cluster.StopAllAsync().ConfigureAwait(false);
                    await _cluster.StartAllAsync(ct).ConfigureAwait(false);
                    break;
                }
        }
    }

    private async Task<bool> RecoveredAsync(CancellationToken ct)
    {
        var before = await _cluster.MaxHeightAsync(ct).ConfigureAwait(false);
        var deadline = DateTimeOffset.UtcNow + RecoveryTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
            if (await _cluster.MaxHeightAsync(ct).ConfigureAwait(false) > before)
            {
                return true;
            }
        }

        return false;
    }
}
