using System.Diagnostics;

namespace Chainweave.Cli.Chaos;

/// <summary>Watches the highest committed height across the nodes and keeps the longest time it stood still.</summary>
internal sealed class CommitGapMonitor
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly ChaosCluster _cluster;

    public CommitGapMonitor(ChaosCluster cluster) => _cluster = cluster;

    public TimeSpan LongestGap { get; private set; }

    /// <summary>The height at which the longest gap began.</summary>
    public ulong LongestGapFrom { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        ulong height = 0;
        var since = Stopwatch.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            var now = await _cluster.MaxHeightAsync(CancellationToken.None).ConfigureAwait(false);
            if (now > height)
            {
                height = now;
                since = Stopwatch.GetTimestamp();
            }
            else
            {
                Observe(height, Stopwatch.GetElapsedTime(since));
            }

            try
            {
                await Task.Delay(PollInterval, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        Observe(height, Stopwatch.GetElapsedTime(since));
    }

    private void Observe(ulong height, TimeSpan gap)
    {
        if (gap > LongestGap)
        {
            LongestGap = gap;
            LongestGapFrom = height;
        }
    }
}
