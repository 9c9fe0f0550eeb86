namespace Chainweave.Cli.Bench;

/// <summary>What one bench run does.</summary>
/// <param name="Window">Closed loop: transactions each stream keeps in flight.</param>
/// <param name="Rate">Open loop: total submissions per second across all streams; null for closed loop.</param>
/// <param name="CommitTimeout">How long the node may hold a transaction before answering TIMEOUT.</param>
internal sealed record BenchSettings(int Txs, int Concurrency, int Window, double? Rate, TimeSpan CommitTimeout)
{
    public bool OpenLoop => Rate is not null;
}
